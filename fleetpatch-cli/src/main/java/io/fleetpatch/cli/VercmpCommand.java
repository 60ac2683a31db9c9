package io.fleetpatch.cli;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.RpmVersions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch vercmp A B} and {@code fleetpatch vercmp --stdin}. */
@Command(
    name = "vercmp",
    mixinStandardHelpOptions = true,
    header = "Compare two rpm versions ([epoch:]version[-release]) as rpm does.",
    description = {
      "",
      "Prints -1, 0 or 1: A older than, equal to, or newer than B, by rpm's rules (rpmvercmp.c):"
          + " epoch first (absent = 0), '~' sorts before everything, '^' after the base version but"
          + " before the next, a missing release sorts below any release.",
      "",
      "With --stdin, reads lines \"A B\" and prints one result per line. A line that is not two"
          + " versions stops with exit code 3 and names the line.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch vercmp 1:1.0-1 2.0-1        # 1",
      "  printf '1.0~rc1 1.0\\n' | fleetpatch vercmp --stdin   # -1"
    })
final class VercmpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(names = "--stdin", description = "Read \"A B\" pairs from standard input, one per line.")
  boolean stdin;

  @Parameters(arity = "0..2", paramLabel = "VERSION", description = "The two versions A and B.")
  String[] versions = new String[0];

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (stdin == (versions.length == 2)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give either two versions or --stdin");
    }
    if (!stdin) {
      out.println(compare(versions[0], versions[1], "argument", ""));
      return ExitCode.OK;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    StringBuilder buf = new StringBuilder(1 << 16);
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length != 2) {
        throw new ProblemException(
            Problem.at(
                "stdin", "line " + lineNo, "expected two versions \"A B\", got '" + t + "'"));
      }
      buf.append(compare(parts[0], parts[1], "stdin", "line " + lineNo)).append('\n');
      if (buf.length() > (1 << 15)) {
        out.write(buf.toString());
        buf.setLength(0);
      }
    }
    out.write(buf.toString());
    out.flush();
    return ExitCode.OK;
  }

  private static int compare(String a, String b, String source, String where) {
    return RpmVersions.compare(parse(a, source, where), parse(b, source, where));
  }

  private static Evr parse(String s, String source, String where) {
    try {
      return Evr.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.at(source, where, e.getMessage()));
    }
  }
}
