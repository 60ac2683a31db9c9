package io.fleetpatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.cli.Main;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.match.PackageEvidence;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetpatch bench onehost}: it runs a real launcher (a new JVM per scan) against a store
 * and prints the figures; the rows it compares with dnf's are exactly the matcher's MISSING rows.
 * The figures themselves are not asserted: benchmarks are not timed tests.
 */
class OneHostBenchCommandTest {
  @TempDir Path dir;

  static final Path EXAMPLES = Path.of("..", "examples");

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private String store() {
    String db = dir.resolve("store.db").toString();
    String[] imported =
        run(
            "advisories",
            "import",
            "--db",
            db,
            EXAMPLES.resolve("feeds/amzn2-core/updateinfo.xml").toString(),
            EXAMPLES.resolve("feeds/amazonlinux-2023/updateinfo.xml").toString());
    assertThat(imported[0]).as(imported[2]).isEqualTo("0");
    return db;
  }

  /** A launcher like ./fleetpatch, but on this test's class path (no build step). */
  private Path launcher() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path script = dir.resolve("fleetpatch");
    Files.writeString(
        script,
        "#!/bin/sh\nexec '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' io.fleetpatch.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void timesRealScansOfOneHostAndSaysWhenDnfCannotRun() throws Exception {
    String db = store();
    String[] r =
        run(
            "bench",
            "onehost",
            "--db",
            db,
            "--runs",
            "2",
            "--launcher",
            launcher().toString(),
            "--versus",
            launcher().toString(),
            EXAMPLES.resolve("hosts/web-1.json").toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1])
        .contains("fleetpatch: scanned 1 hosts (1 distinct) against")
        .containsPattern(
            "fleetpatch scan, one host, JVM start included: min [0-9.]+ s, median [0-9.]+ s over"
                + " 2 runs \\([0-9.]+ [0-9.]+ s\\)")
        .containsPattern("versus .*, same host, interleaved: min [0-9.]+ s, median [0-9.]+ s")
        .containsPattern("ratio versus / fleetpatch \\(medians\\): [0-9.]+")
        .contains("dnf: not run:", "is not a fleetgen host");
  }

  @Test
  void theRowsComparedWithDnfAreTheMatchersMissingRows() throws Exception {
    String db = store();
    Path host = EXAMPLES.resolve("hosts/web-1.json");
    String[] scan = run("scan", "--db", db, "--format", "json", host.toString());
    assertThat(scan[0]).as(scan[2]).isIn("0", "1");

    List<io.fleetpatch.advisory.Advisory> advisories = new ArrayList<>();
    advisories.addAll(
        new UpdateinfoParser()
            .read(EXAMPLES.resolve("feeds/amzn2-core/updateinfo.xml"), "amzn2-core")
            .advisories());
    TreeSet<String> expected = new TreeSet<>();
    Matcher m =
        new Matcher(AdvisoryIndex.of(advisories), io.fleetpatch.match.MatchOptions.DEFAULTS);
    for (Finding f : m.match(InventoryJson.read(host)).findings()) {
      for (PackageEvidence p : f.packages()) {
        if (p.state() == FindingState.MISSING) {
          expected.add(f.advisoryId() + " " + DnfSample.dnfSpelling(p.fixed()));
        }
      }
    }
    assertThat(expected).as("web-1 lacks the openssl, kernel and curl fixes").hasSizeGreaterThan(2);
    assertThat(OneHostBenchCommand.missingRows(scan[1])).isEqualTo(expected);
  }

  @Test
  void badOptionsAreUsageErrors() {
    String host = EXAMPLES.resolve("hosts/web-1.json").toString();
    assertThat(run("bench", "onehost", "--runs", "0", host)[0]).isEqualTo("2");
    assertThat(run("bench", "onehost", "--launcher", dir.resolve("nope").toString(), host)[0])
        .isEqualTo("2");
  }
}
