package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.cli.bench.RandomEvrPairs;
import io.fleetpatch.testing.RpmOracle;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fleetpatch vercmp}, run in-process through {@link Main#run}. */
class VercmpCommandTest {
  /** Exit code, stdout and stderr of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream saved = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
      return new Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # a        | b        | out | why
          1:1.0-1    | 2.0-1    | 1   | epoch dominates
          1.0~rc1    | 1.0      | -1  | tilde before the release
          1.0^git1   | 1.0.1    | -1  | caret before the next version
          2.0-1      | 2.0-1    | 0   | equal
          2.0        | 2.0-1    | -1  | missing release is older
          """)
  void comparesTwoArguments(String a, String b, String expected, String why) {
    Run r = run(null, "vercmp", a, b);
    assertThat(r.code()).as(why).isZero();
    assertThat(r.out()).as(why).isEqualTo(expected + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void comparesStdinLinesKeepingBlankAndCommentLines() {
    Run r = run("1.0 2.0\n\n# a comment\n  1.0~rc1\t1.0  \r\n1:1-1 1:1-1\n", "vercmp", "--stdin");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("-1\n\n# a comment\n-1\n0\n");
  }

  @Test
  void badStdinLineExitsThreeNamingTheLineAfterPrintingTheResultsBeforeIt() {
    Run r = run("1.0 2.0\n2.0 1.0\n1.0 2.0 3.0\n1 1\n", "vercmp", "--stdin");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.out()).isEqualTo("-1\n1\n");
    assertThat(r.err())
        .isEqualTo(
            "fleetpatch: stdin: line 3: expected two versions \"A B\", got '1.0 2.0 3.0'"
                + System.lineSeparator());
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # stdin line       | message part                          | why
          1.0- 1             | line 1: not an EVR                    | empty release
          1.0                | line 1: expected two versions         | one version
          1:-1 2             | line 1: not an EVR                    | empty version after the epoch
          a-b-c 1            | bad version 'a-b' ('-')               | '-' inside the version
          """)
  void badVersionsOnStdinExitThree(String line, String part, String why) {
    Run r = run(line + "\n", "vercmp", "--stdin");
    assertThat(r.code()).as(why).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err()).as(why).startsWith("fleetpatch: stdin: line 1: ").contains(part);
    assertThat(r.err().lines().count()).as("one line, no stack trace").isEqualTo(1);
  }

  @Test
  void overlongLineIsBadInputNotMemory() {
    String huge = "1".repeat(3 * VercmpCommand.MAX_LINE) + " 1";
    Run r = run("1 2\n" + huge + "\n3 1\n", "vercmp", "--stdin");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.out()).isEqualTo("-1\n");
    assertThat(r.err()).startsWith("fleetpatch: stdin: line 2: line longer than 65536 bytes");
  }

  @Test
  void lastLineWithoutNewlineAndCrLfEndings() {
    Run r = run("1 2\r\n2 1\r\n1 1", "vercmp", "--stdin");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("-1\n1\n0\n");
  }

  @Test
  void aLineAcrossTheReadBufferBoundaryStillWorks() {
    String a = "1." + "0.".repeat(15_000) + "1";
    String b = "1." + "0.".repeat(15_000) + "2";
    String before =
        "1 2\n".repeat(30_000); // 120,000 bytes: the long line crosses the 128 KiB buffer
    Run r = run(before + a + " " + b + "\n2 1\n", "vercmp", "--stdin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("-1\n".repeat(30_000) + "-1\n1\n");
  }

  @Test
  void badArgumentExitsThreeNamingIt() {
    Run r = run(null, "vercmp", "1.0", "1:");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err()).startsWith("fleetpatch: arguments: B: not an EVR").contains("'1:'");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # args                | why
          vercmp                | nothing to compare
          vercmp 1.0            | one version
          vercmp 1.0 2.0 3.0    | three versions
          vercmp --stdin 1 2    | both --stdin and versions
          vercmp --frobnicate   | unknown option
          """)
  void usageErrorsExitTwo(String args, String why) {
    Run r = run("", args.split(" "));
    assertThat(r.code()).as(why).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).as(why).contains("fleetpatch vercmp --help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpNamesTheRules() {
    Run r = run(null, "vercmp", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--stdin", "rpmverCmp", "Examples:");
  }

  /**
   * 20,000 random pairs through {@code vercmp --stdin} in one run give librpm's answers line for
   * line (the million-pair check of {@code RpmVersions} itself is {@code RandomEvrPairsTest}).
   */
  @Test
  void stdinAnswersEqualLibrpm() {
    RpmOracle.require();
    List<String> lines = new ArrayList<>();
    for (String[] p : RandomEvrPairs.generate(11, 20_000)) {
      lines.add(p[0] + (lines.size() % 2 == 0 ? " " : "\t") + p[1]);
    }
    Run r = run(String.join("\n", lines) + "\n", "vercmp", "--stdin");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().toList()).isEqualTo(RpmOracle.vercmp(lines));
  }
}
