package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.finding;
import static io.fleetpatch.compliance.Fixtures.findings;
import static io.fleetpatch.compliance.Fixtures.host;
import static io.fleetpatch.compliance.Fixtures.only;
import static io.fleetpatch.compliance.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fleetpatch.install-result/v1} files: newest wins, FAILED, and malformed lines. */
class InstallResultsTest {
  @TempDir Path dir;

  static String line(String host, String advisory, String outcome, String time) {
    return "{\"schema\":\"fleetpatch.install-result/v1\",\"host\":\""
        + host
        + "\",\"advisory\":\""
        + advisory
        + "\",\"outcome\":\""
        + outcome
        + "\",\"time\":\""
        + time
        + "\",\"message\":\"yum exited 1\"}";
  }

  private Path file(String name, String... lines) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void theNewestRecordPerHostAndAdvisoryWins() throws Exception {
    Path a =
        file(
            "a.jsonl",
            line("h1", "ALAS-1", "installed", "2024-03-02T00:00:00Z"),
            line("h1", "ALAS-1", "failed", "2024-03-01T00:00:00Z"),
            "",
            line("h2", "ALAS-1", "failed", "2024-03-01T10:00:00+02:00"),
            line("h3", "ALAS-1", "failed", "2024-03-01T00:00:00Z"),
            line("h3", "ALAS-1", "installed", "2024-03-01T00:00:00Z"));
    Path b = file("b.jsonl", line("h2", "ALAS-1", "installed", "2024-03-01T08:00:01Z"));
    InstallResults r = InstallResults.read(List.of(a, b));
    assertThat(r.failed("h1", "ALAS-1"))
        .as("a later success replaces an earlier failure")
        .isFalse();
    assertThat(r.failed("h2", "ALAS-1"))
        .as("times compare as instants: 10:00+02:00 is before 08:00:01Z in the second file")
        .isFalse();
    assertThat(r.failed("h3", "ALAS-1")).as("equal times: the later line wins").isFalse();
    assertThat(r.failed("h9", "ALAS-1")).as("no record: not failed").isFalse();
    assertThat(r.newest("h1", "ALAS-1").message()).isEqualTo("yum exited 1");
    assertThat(r.size()).isEqualTo(3);
  }

  /**
   * Regression: the first asOf() filtered only the newest record per pair, so a failure followed by
   * a later success vanished entirely when judging a day between the two.
   */
  @Test
  void asOfFiltersEveryRecordNotOnlyTheNewest() throws Exception {
    Path a =
        file(
            "a.jsonl",
            line("h1", "ALAS-1", "failed", "2024-03-01T00:00:00Z"),
            line("h1", "ALAS-1", "installed", "2024-03-02T00:00:00Z"));
    InstallResults r = InstallResults.read(List.of(a));
    assertThat(r.failed("h1", "ALAS-1")).as("today the success is newest").isFalse();
    assertThat(r.asOf(LocalDate.parse("2024-03-01")).failed("h1", "ALAS-1"))
        .as("judging 2024-03-01, the success of 2024-03-02 had not happened yet")
        .isTrue();
    assertThat(r.asOf(LocalDate.parse("2024-02-29")).failed("h1", "ALAS-1"))
        .as("judging 2024-02-29, nothing had been tried")
        .isFalse();
  }

  @Test
  void aFailedInstallMakesAnApprovedMissingAdvisoryFailedAndTheHostNonCompliant() throws Exception {
    Advisory a = security("ALAS2-2024-0501", Severity.CRITICAL, "2024-01-01");
    Advisory other = security("ALAS2-2024-0502", Severity.CRITICAL, "2024-01-01");
    InstallResults r =
        InstallResults.read(
            List.of(
                file(
                    "r.jsonl",
                    line("h1", a.id(), "failed", "2024-02-01T00:00:00Z"),
                    line("h1", other.id(), "failed", "2024-02-01T00:00:00Z"))));
    var b = PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow();
    CompliancePolicy p =
        CompliancePolicy.of(PatchGroups.single(b), LocalDate.parse("2024-03-01"))
            .withHistory(FirstSeen.UNKNOWN, r);
    HostCompliance h =
        Fixtures.judge(
            p,
            findings(
                host("h1"),
                AL2,
                finding(a, FindingState.MISSING),
                finding(other, FindingState.INSTALLED)));
    ComplianceItem failed =
        h.items().stream().filter(i -> i.advisory().id().equals(a.id())).findFirst().orElseThrow();
    assertThat(failed.state())
        .as("UG compliance-states: Failed, not Missing")
        .isEqualTo(ComplianceState.FAILED);
    assertThat(failed.overdueDays()).as("FAILED is open: the SLA keeps running").isPositive();
    assertThat(h.compliant()).as("FAILED violates").isFalse();
    ComplianceItem installed =
        h.items().stream()
            .filter(i -> i.advisory().id().equals(other.id()))
            .findFirst()
            .orElseThrow();
    assertThat(installed.state())
        .as("a failure record does not override what the host actually has installed")
        .isEqualTo(ComplianceState.INSTALLED);
    assertThat(
            only(Fixtures.judge(
                    p.withHistory(FirstSeen.UNKNOWN, InstallOutcomes.NONE),
                    findings(host("h1"), AL2, finding(a, FindingState.MISSING))))
                .state())
        .as("without results it is MISSING")
        .isEqualTo(ComplianceState.MISSING);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # line                                                                                                          | expected message                        | why
          'not json'                                                                                                      | not JSON                                | garbage
          '[1,2]'                                                                                                         | not a JSON object                       | an array is not a record
          '{"host":"h","advisory":"A","outcome":"failed","time":"2024-03-01T00:00:00Z"}'                                  | no 'schema'                             | the schema is required, so a format change is detected
          '{"schema":"fleetpatch.install-result/v2","host":"h","advisory":"A","outcome":"failed","time":"2024-03-01T00:00:00Z"}' | is not 'fleetpatch.install-result/v1' | an unknown schema version
          '{"schema":"fleetpatch.install-result/v1","advisory":"A","outcome":"failed","time":"2024-03-01T00:00:00Z"}'     | no 'host'                               | host is required
          '{"schema":"fleetpatch.install-result/v1","host":"","advisory":"A","outcome":"failed","time":"2024-03-01T00:00:00Z"}' | 'host' is not a non-empty string | an empty host
          '{"schema":"fleetpatch.install-result/v1","host":"h","advisory":7,"outcome":"failed","time":"2024-03-01T00:00:00Z"}' | 'advisory' is not a non-empty string | a number is not an id
          '{"schema":"fleetpatch.install-result/v1","host":"h","advisory":"A","outcome":"skipped","time":"2024-03-01T00:00:00Z"}' | outcome 'skipped' is neither          | only failed and installed
          '{"schema":"fleetpatch.install-result/v1","host":"h","advisory":"A","outcome":"failed","time":"2024-03-01"}'     | time '2024-03-01' is not                | a date without time and offset is ambiguous
          '{"schema":"fleetpatch.install-result/v1","host":"h","advisory":"A","outcome":"failed","time":"2024-03-01T00:00:00Z","message":{}}' | message is not a string | message must be text
          """)
  void aMalformedLineIsAProblemWithFileAndLine(String bad, String expected, String why)
      throws Exception {
    Path f = file("bad.jsonl", line("h", "A", "failed", "2024-03-01T00:00:00Z"), "", bad);
    assertThatThrownBy(() -> InstallResults.read(List.of(f)))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith(f + ": line 3: ")
        .hasMessageContaining(expected);
  }
}
