package io.fleetpatch.cli;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.RpmVersions;
import java.io.IOException;
import java.io.InputStream;
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
    compareLines(System.in, out);
    return ExitCode.OK;
  }

  /**
   * Compares every "A B" line; results are written in chunks, flushed before a bad line. Works on
   * the raw UTF-8 bytes: the line is split on ASCII blanks in place and only the two versions
   * become strings, which keeps a million lines at about a second.
   */
  static void compareLines(InputStream in, PrintWriter out) throws IOException {
    StringBuilder buf = new StringBuilder(1 << 16);
    Lines lines = new Lines(in);
    long lineNo = 0;
    try {
      while (lines.next()) {
        lineNo++;
        byte[] b = lines.bytes;
        int end = lines.to;
        if (lines.cut) {
          throw new ProblemException(
              Problem.at(
                  "stdin",
                  "line " + lineNo,
                  "line longer than " + MAX_LINE + " bytes, not two versions"));
        }
        int i = skipBlanks(b, lines.from, end);
        if (i == end || b[i] == '#') {
          buf.append(new String(b, i, end - i, StandardCharsets.UTF_8)).append('\n');
          continue;
        }
        int aEnd = skipWord(b, i, end);
        int j = skipBlanks(b, aEnd, end);
        int bEnd = skipWord(b, j, end);
        if (j == end || skipBlanks(b, bEnd, end) != end) {
          String line = new String(b, lines.from, end - lines.from, StandardCharsets.UTF_8);
          throw new ProblemException(
              Problem.at(
                  "stdin",
                  "line " + lineNo,
                  "expected two versions \"A B\", got " + quote(line.strip())));
        }
        int rc;
        try {
          rc =
              RpmVersions.compare(
                  new String(b, i, aEnd - i, StandardCharsets.UTF_8),
                  new String(b, j, bEnd - j, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new ProblemException(Problem.at("stdin", "line " + lineNo, e.getMessage()));
        }
        buf.append(rc < 0 ? "-1\n" : rc > 0 ? "1\n" : "0\n");
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

  /** Longest line, in bytes; a longer one is bad input (and never held in memory whole). */
  static final int MAX_LINE = 1 << 16;

  /**
   * The lines of a byte stream ('\n' or "\r\n" ends them), each as {@code bytes[from, to)}, without
   * holding more than {@link #MAX_LINE} bytes of one line: a longer line is marked {@code cut} and
   * skipped to its end.
   */
  private static final class Lines {
    private final InputStream in;
    private byte[] buf = new byte[1 << 17];
    private int pos;
    private int lim;
    byte[] bytes;
    int from;
    int to;
    boolean cut;

    Lines(InputStream in) {
      this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
      cut = false;
      while (true) {
        int nl = indexOfNewline(buf, pos, lim);
        if (nl >= 0) {
          set(pos, nl);
          pos = nl + 1;
          return true;
        }
        if (lim - pos > MAX_LINE) {
          skipRestOfLine();
          return true;
        }
        // move the partial line to the front and read more behind it
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
          if (lim == 0) {
            return false;
          }
          set(0, lim); // last line without a newline
          pos = lim;
          return true;
        }
        lim += n;
      }
    }

    private void set(int start, int nl) {
      bytes = buf;
      from = start;
      to = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
    }

    private void skipRestOfLine() throws IOException {
      cut = true;
      bytes = buf;
      from = 0;
      to = 0;
      while (true) {
        int nl = indexOfNewline(buf, pos, lim);
        if (nl >= 0) {
          pos = nl + 1;
          return;
        }
        pos = 0;
        lim = in.read(buf, 0, buf.length);
        if (lim < 0) {
          lim = 0;
          return;
        }
      }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }

  private static int skipBlanks(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipWord(byte[] b, int i, int end) {
    while (i < end && b[i] != ' ' && b[i] != '\t') {
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
