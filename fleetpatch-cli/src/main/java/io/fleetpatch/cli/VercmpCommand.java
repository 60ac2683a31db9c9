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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch vercmp A B} and {@code fleetpatch vercmp --stdin}. */
@Command(
    name = "vercmp",
    mixinStandardHelpOptions = true,
    header = "Compare two rpm versions ([epoch:]version[-release]) as rpm does.",
    description = {
      "",
      "Prints -1, 0 or 1: A older than, equal to, or newer than B, exactly as librpm's default"
          + " comparison (rpm 4.18 rpmverCmp over rpmvercmp.c): epoch first (absent = 0),"
          + " then version, then release; '~' sorts before everything, even the end of the"
          + " version; '^' after the base version but before the next; a missing release sorts"
          + " below any release (2.0 < 2.0-1).",
      "",
      "With --stdin, reads lines \"A B\" (separated by spaces or tabs) and prints one result per"
          + " line; blank lines and lines starting with '#' are copied, so output lines match input"
          + " lines. A line that is not two versions stops with exit code 3 and names the line"
          + " (the results before it are printed).",
      "",
      "Stricter than rpm on garbage: an empty epoch, version or release (':1', '1:', '1.0-'),"
          + " a '-' or ':' inside the version, and spaces or control characters are rejected"
          + " (exit code 3) instead of compared.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch vercmp 1:1.0-1 2.0-1                          # 1  (epoch wins)",
      "  fleetpatch vercmp 1.0~rc1 1.0                            # -1",
      "  printf '1.0^git1 1.0.1\\n2.0 2.0-1\\n' | fleetpatch vercmp --stdin   # -1, -1"
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
    if (stdin && versions.length > 0) {
      throw new ParameterException(spec.commandLine(), "give two versions or --stdin, not both");
    }
    if (!stdin && versions.length != 2) {
      throw new ParameterException(
          spec.commandLine(), "give two versions A B, or --stdin (got " + versions.length + ")");
    }
    if (!stdin) {
      Evr a = parse(versions[0], "arguments", "A");
      Evr b = parse(versions[1], "arguments", "B");
      out.println(RpmVersions.compare(a, b));
      out.flush();
      return ExitCode.OK;
    }
    compareLines(
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16), out);
    return ExitCode.OK;
  }

  /** Compares every "A B" line; results are written in chunks, flushed before a bad line. */
  static void compareLines(BufferedReader in, PrintWriter out) throws IOException {
    StringBuilder buf = new StringBuilder(1 << 16);
    long lineNo = 0;
    try {
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        int i = skipBlanks(line, 0);
        if (i == line.length() || line.charAt(i) == '#') {
          buf.append(line, i, line.length()).append('\n');
          continue;
        }
        int aEnd = skipWord(line, i);
        int j = skipBlanks(line, aEnd);
        int bEnd = skipWord(line, j);
        if (j == line.length() || skipBlanks(line, bEnd) != line.length()) {
          throw new ProblemException(
              Problem.at(
                  "stdin",
                  "line " + lineNo,
                  "expected two versions \"A B\", got " + quote(line.strip())));
        }
        String where = "line " + lineNo;
        Evr a = parse(line.substring(i, aEnd), "stdin", where);
        Evr b = parse(line.substring(j, bEnd), "stdin", where);
        int rc = RpmVersions.compare(a, b);
        buf.append(rc < 0 ? "-1" : rc > 0 ? "1" : "0").append('\n');
        if (buf.length() >= 1 << 15) {
          out.write(buf.toString());
          buf.setLength(0);
        }
      }
    } finally {
      out.write(buf.toString());
      out.flush();
    }
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipWord(String s, int i) {
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  private static String quote(String s) {
    String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  private static Evr parse(String s, String source, String where) {
    try {
      return Evr.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.at(source, where, e.getMessage()));
    }
  }
}
