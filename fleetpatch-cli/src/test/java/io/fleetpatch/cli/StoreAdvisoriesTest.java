package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --advisories}, scan, comply and livepatch judge hosts against the advisories
 * imported into the store; this is the README's main job, on the project's own examples.
 */
class StoreAdvisoriesTest {
  @TempDir Path dir;

  private String db() {
    return dir.resolve("fleetpatch.db").toString();
  }

  private void importExamples() {
    CliRun imported =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            example("feeds/amzn2-core/updateinfo.xml"),
            example("feeds/amazonlinux-2023/updateinfo.xml"));
    assertThat(imported.code()).as(imported.err()).isZero();
  }

  private static String example(String relative) {
    // tests run in fleetpatch-cli/; examples/ is at the repository root
    return Path.of("..", "examples", relative).toString();
  }

  @Test
  void scanReadsTheStoreWhenNoFeedFilesAreGiven() {
    importExamples();
    CliRun scan = CliRun.of("scan", "--db", db(), "--format", "csv", example("hosts"));
    // web-1 lacks the openssl, kernel and curl fixes; db-1 the glibc and sudo fixes
    assertThat(scan.out())
        .contains("ALAS2-2026-9001", "ALAS2-2026-9002", "ALAS2-2026-9003", "ALAS2023-2026-9001");
    assertThat(scan.err()).contains("data store:");
  }

  @Test
  void complyOnTheStoreIsNonCompliantForTheUnpatchedHosts() {
    importExamples();
    CliRun comply =
        CliRun.of(
            "comply",
            "--db",
            db(),
            "--baseline",
            "fleetpatch-AllSecurityNoDelay",
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
            example("hosts"));
    assertThat(comply.code()).as("web-1, db-1 and build-1 miss approved fixes").isEqualTo(1);
    assertThat(comply.out()).contains("\"schema\"", "fleetpatch.compliance/v1", "i-0a12web2");
  }

  @Test
  void anEmptyStoreIsAUsageErrorThatSaysWhatToDo() {
    CliRun scan = CliRun.of("scan", "--db", db(), example("hosts"));
    assertThat(scan.code()).isEqualTo(ExitCode.USAGE);
    assertThat(scan.err()).contains("holds no advisories", "advisories import");
  }
}
