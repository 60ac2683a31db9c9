package io.fleetpatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.cli.Main;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code fleetpatch bench rpmdb} runs and prints its figures (not asserted: not a timed test). */
class RpmdbBenchCommandTest {
  @Test
  void printsOursAndRpmsFiguresForAGivenDatabase() {
    Tools.require("rpm", "/usr/bin/time");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "bench",
              "rpmdb",
              "--runs",
              "1",
              "--warmup",
              "0",
              "--sqlite",
              SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0").toString(),
              "--bdb",
              SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid/Packages").toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("JVM start to this command:")
        .containsPattern("sqlite +129 .* ms .*x")
        .containsPattern("bdb +1 .* ms .*x")
        .doesNotContain("warning: rpm listed");
  }
}
