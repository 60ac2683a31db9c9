package io.fleetpatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.cli.Main;
import io.fleetpatch.testing.RpmOracle;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code fleetpatch bench}: that the commands run and print their figures (a tiny JMH run in this
 * JVM, no fork). The figures themselves are not asserted: benchmarks are not timed tests.
 */
class BenchCommandTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void benchListsItsSubcommands() {
    String[] r = run("bench");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("vercmp");
  }

  @Test
  void vercmpBenchPrintsRatesAndTheRatioToLibrpm() {
    RpmOracle.require();
    String[] r =
        run(
            "bench",
            "vercmp",
            "--pairs",
            "2000",
            "--forks",
            "0",
            "--warmup",
            "0",
            "--iterations",
            "1",
            "--time",
            "100ms",
            "--oracle",
            RpmOracle.vercmpOracle().toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1])
        .contains("2,000 random EVR pairs")
        .containsPattern("RpmVersions.compare \\(parsed Evr\\) +[0-9,]+ comparisons/s")
        .containsPattern("RpmVersions.compare \\(two strings\\) +[0-9,]+ comparisons/s")
        .containsPattern("Evr.parse x2 \\+ compare \\(records\\) +[0-9,]+ comparisons/s")
        .containsPattern("librpm .* [0-9,]+ pairs/s")
        .containsPattern("ratio fleetpatch / librpm: compare [0-9.]+x")
        .contains("agreement with librpm on these pairs: 2,000 of 2,000");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("bench", "vercmp", "--pairs", "0")[0]).isEqualTo("2");
    assertThat(run("bench", "vercmp", "--time", "soon", "--no-oracle")[0]).isEqualTo("2");
  }
}
