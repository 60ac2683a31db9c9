package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetpatch scan} and {@code fleetpatch livepatch status} in-process, on a hand-made AL2
 * host (two kernels, running the older one) against Amazon's real amzn2-core updateinfo.
 */
class ScanCommandTest {
  static final Path HOST = Path.of("src/test/resources/io/fleetpatch/cli/scan/web-1.json");
  static final Path CORE = SharedData.data("amazon/updateinfo/amzn2-core");

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void jsonFollowsScanV1WithPendingRebootAndMissingKernelFixes() throws Exception {
    Run r = run("scan", HOST.toString(), "--advisories", CORE.toString(), "--format", "json", "-q");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("schema").asText()).isEqualTo("fleetpatch.scan/v1");
    assertThat(doc.get("dataVersion").asText()).startsWith("feeds:sha256:");
    JsonNode host = doc.get("hosts").get(0);
    assertThat(host.get("host").asText()).isEqualTo("web-1");
    assertThat(host.get("scope").get("basis").asText()).isEqualTo("INVENTORY");
    List<String> states = new ArrayList<>();
    host.get("findings").forEach(f -> states.add(f.get("state").asText()));
    // fixes between the running 4.14.301 and the installed 4.14.309 wait for a reboot; newer
    // kernel and curl fixes are missing
    assertThat(states).contains("MISSING", "INSTALLED_PENDING_REBOOT");
    assertThat(states).doesNotContain("INSTALLED", "NOT_APPLICABLE");
    JsonNode pending =
        findFirst(
            findFirst(host.get("findings"), "INSTALLED_PENDING_REBOOT").get("packages"),
            "INSTALLED_PENDING_REBOOT");
    assertThat(pending.get("installed").asText()).isEqualTo("0:4.14.301-224.520.amzn2");
    assertThat(pending.get("rule").asText()).isEqualTo("RUNNING_KERNEL_OLDER_THAN_FIX");
    assertThat(host.get("summary").get("INSTALLED").asInt()).isPositive();
    assertThat(host.get("cves").size()).isPositive();
  }

  static JsonNode findFirst(JsonNode items, String state) {
    for (JsonNode f : items) {
      if (f.get("state").asText().equals(state)) {
        return f;
      }
    }
    throw new AssertionError("no " + state);
  }

  @Test
  void failOnGivesExitCode1OnlyAtOrAboveTheSeverity() {
    assertThat(
            run("scan", HOST.toString(), "--advisories", CORE.toString(), "--fail-on", "Low", "-q")
                .code())
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(run("scan", HOST.toString(), "--advisories", CORE.toString(), "-q").code())
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void csvHasOneLinePerPackageRow() {
    Run r = run("scan", HOST.toString(), "--advisories", CORE.toString(), "--format", "csv", "-q");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "host,advisory,release,repo,severity,type,state,cves,package,arch,installed,fixed,"
                + "packageState,rule");
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> l.startsWith("web-1,ALAS2-"))
        .anyMatch(l -> l.contains(",curl,x86_64,0:8.3.0-1.amzn2.0.6,"));
  }

  @Test
  void badInputIsExit3WithOneLine(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"schema\":\"fleetpatch.inventory/v1\",\"host\":");
    Run r = run("scan", bad.toString(), "--advisories", CORE.toString(), "-q");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void withoutAdvisoriesIsAUsageError() {
    Run r = run("scan", HOST.toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--advisories");
  }

  @Test
  void fleetFileListsSources(@TempDir Path tmp) throws Exception {
    Path fleet = tmp.resolve("prod.fleet");
    Files.writeString(
        fleet, "# two copies of one host\n" + HOST.toAbsolutePath() + "\n" + HOST.toAbsolutePath());
    Run r = run("scan", fleet.toString(), "--advisories", CORE.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 hosts: MISSING");
    assertThat(r.err()).contains("(1 distinct)");
  }

  @Test
  void livepatchStatusJudgesTheRunningKernelsWindow() {
    Run in =
        run(
            "livepatch",
            "status",
            HOST.toString(),
            "--advisories",
            CORE.toString(),
            "--as-of",
            "2023-01-15",
            "--format",
            "csv");
    assertThat(in.code()).as(in.err()).isEqualTo(ExitCode.OK);
    assertThat(in.out()).contains("web-1,4.14.301-224.520.amzn2.x86_64,IN_WINDOW,");
    Run ended =
        run(
            "livepatch",
            "status",
            HOST.toString(),
            "--advisories",
            CORE.toString(),
            "--as-of",
            "2024-01-15",
            "--format",
            "csv");
    assertThat(ended.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(ended.out()).contains(",WINDOW_ENDED,").contains("Reboot into the latest kernel");
  }
}
