package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.store.Backend;
import io.fleetpatch.store.DatabaseTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comply}/{@code report} with {@code --record}, {@code --sla-clock first-seen} and {@code
 * --install-results}, in-process, on two hand-made AL2 advisories issued 2024-01-01 (Critical
 * openssl-libs, Important curl) and hosts missing both.
 */
class ComplySlaHistoryTest {
  static final String CRITICAL = "ALAS2-2024-0001";
  static final String IMPORTANT = "ALAS2-2024-0002";

  @TempDir Path dir;
  Path advisories;
  Path db;

  @BeforeEach
  void fixtures() throws Exception {
    advisories = dir.resolve("adv");
    Path core = Files.createDirectories(advisories.resolve("amzn2-core"));
    Files.writeString(
        core.resolve("updateinfo.xml"),
        """
        <?xml version="1.0"?>
        <updates>
        <update type="security" version="1.4"><id>ALAS2-2024-0001</id><title>openssl</title>\
        <issued date="2024-01-01 00:00:00"/><updated date="2024-01-01 00:00:00"/>\
        <severity>critical</severity><description>d</description><references/><pkglist>\
        <collection short="amazon-linux-2---core"><name>n</name><package arch="x86_64" epoch="1"\
         name="openssl-libs" release="24.amzn2" version="1.0.2k"><filename>o.rpm</filename>\
        </package></collection></pkglist></update>
        <update type="security" version="1.4"><id>ALAS2-2024-0002</id><title>curl</title>\
        <issued date="2024-01-01 00:00:00"/><updated date="2024-01-01 00:00:00"/>\
        <severity>important</severity><description>d</description><references/><pkglist>\
        <collection short="amazon-linux-2---core"><name>n</name><package arch="x86_64" epoch="0"\
         name="curl" release="10.amzn2" version="7.79.1"><filename>c.rpm</filename></package>\
        </collection></pkglist></update>
        </updates>
        """);
    db = dir.resolve("history.db");
  }

  /** A host inventory; {@code curlRelease} 1.amzn2 misses the curl fix, 10.amzn2 has it. */
  private Path host(String id, String curlRelease) throws Exception {
    Path f = dir.resolve(id + "-" + curlRelease + ".json");
    Files.writeString(
        f,
        """
        {"schema":"fleetpatch.inventory/v1","host":{"id":"%s"},
         "os":{"ID":"amzn","VERSION_ID":"2","NAME":"Amazon Linux"},
         "packages":[
          {"name":"openssl-libs","epoch":1,"version":"1.0.2k","release":"20.amzn2","arch":"x86_64"},
          {"name":"curl","version":"7.79.1","release":"%s","arch":"x86_64"}],
         "source":"test"}
        """
            .formatted(id, curlRelease));
    return f;
  }

  private CliRun comply(String asOf, List<Path> hosts, String... more) {
    List<String> a = new ArrayList<>(List.of("comply"));
    hosts.forEach(h -> a.add(h.toString()));
    a.addAll(
        List.of(
            "--advisories",
            advisories.toString(),
            "--db",
            db.toString(),
            "--as-of",
            asOf,
            "--format",
            "json",
            "--no-progress"));
    a.addAll(List.of(more));
    return CliRun.of(a.toArray(String[]::new));
  }

  private static JsonNode item(CliRun r, String host, String advisory) throws Exception {
    JsonNode d = new ObjectMapper().readTree(r.out());
    for (JsonNode h : d.get("hosts")) {
      if (h.get("host").asText().equals(host)) {
        for (JsonNode i : h.get("items")) {
          if (i.get("advisory").asText().equals(advisory)) {
            return i;
          }
        }
      }
    }
    throw new AssertionError("no item " + advisory + " on " + host + " in " + r.out());
  }

  private static JsonNode hostNode(CliRun r, String host) throws Exception {
    for (JsonNode h : new ObjectMapper().readTree(r.out()).get("hosts")) {
      if (h.get("host").asText().equals(host)) {
        return h;
      }
    }
    throw new AssertionError(host);
  }

  @Test
  void firstSeenRecordedThenUsedMovesTheDeadlineAndTheOverdueDays() throws Exception {
    Path h1 = host("i-1", "1.amzn2");
    CliRun recorded = comply("2024-03-01", List.of(h1), "--record");
    assertThat(recorded.code()).as(recorded.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(recorded.err()).contains("1 hosts recorded on 2024-03-01: 2 findings opened");
    JsonNode issued = item(recorded, "i-1", CRITICAL);
    assertThat(issued.get("clock").asText()).as("default clock: issued").isEqualTo("issued");
    assertThat(issued.get("clockStart").asText()).isEqualTo("2024-01-01");
    assertThat(issued.get("deadline").asText()).isEqualTo("2024-01-08");

    Path h2 = host("i-2", "1.amzn2");
    CliRun later = comply("2024-04-15", List.of(h1, h2), "--sla-clock", "first-seen");
    assertThat(later.code()).as(later.err()).isEqualTo(ExitCode.FINDINGS);
    JsonNode c = item(later, "i-1", CRITICAL);
    assertThat(c.get("clock").asText()).as("i-1 has history").isEqualTo("first-seen");
    assertThat(c.get("clockStart").asText())
        .as("first recorded 2024-03-01")
        .isEqualTo("2024-03-01");
    assertThat(c.get("deadline").asText())
        .as("Critical: 7 days from first seen")
        .isEqualTo("2024-03-08");
    assertThat(c.get("overdueDays").asInt()).as("2024-04-15 - 2024-03-08").isEqualTo(38);
    JsonNode i = item(later, "i-1", IMPORTANT);
    assertThat(i.get("deadline").asText())
        .as("Important: 30 days from 2024-03-01")
        .isEqualTo("2024-03-31");
    assertThat(i.get("overdueDays").asInt()).isEqualTo(15);
    JsonNode fallback = item(later, "i-2", CRITICAL);
    assertThat(fallback.get("clock").asText())
        .as("i-2 was never recorded: falls back to issued, and says so")
        .isEqualTo("issued");
    assertThat(fallback.get("overdueDays").asInt()).as("2024-04-15 - 2024-01-08").isEqualTo(98);
  }

  @Test
  void theTableNamesTheFirstSeenClock() throws Exception {
    Path h1 = host("i-1", "1.amzn2");
    comply("2024-03-01", List.of(h1), "--record");
    List<String> a =
        List.of(
            "comply",
            h1.toString(),
            "--advisories",
            advisories.toString(),
            "--db",
            db.toString(),
            "--as-of",
            "2024-04-15",
            "--sla-clock",
            "first-seen",
            "--no-progress");
    CliRun r = CliRun.of(a.toArray(String[]::new));
    assertThat(r.out())
        .as("a reader of the table sees where a first-seen deadline comes from")
        .contains("due 2024-03-08 (first seen 2024-03-01) OVERDUE 38d");
  }

  @Test
  void aReopenedFindingResetsTheClock() throws Exception {
    Path missing = host("i-1", "1.amzn2");
    Path fixed = host("i-1", "10.amzn2");
    assertThat(comply("2024-03-01", List.of(missing), "--record").code()).isEqualTo(1);
    CliRun fix = comply("2024-03-05", List.of(fixed), "--record");
    assertThat(fix.err()).as("curl fixed: its episode closes").contains("1 closed");
    CliRun again = comply("2024-04-20", List.of(missing), "--record", "--sla-clock", "first-seen");
    JsonNode curl = item(again, "i-1", IMPORTANT);
    assertThat(curl.get("clockStart").asText())
        .as("seen open again on 2024-04-20 after closing on 2024-03-05: fresh clock")
        .isEqualTo("2024-04-20");
    assertThat(curl.get("overdueDays").asInt()).isZero();
    JsonNode openssl = item(again, "i-1", CRITICAL);
    assertThat(openssl.get("clockStart").asText())
        .as("openssl never closed: still first seen 2024-03-01")
        .isEqualTo("2024-03-01");
    assertThat(openssl.get("overdueDays").asInt()).as("2024-04-20 - 2024-03-08").isEqualTo(43);
  }

  @Test
  void recordingTheSameDayTwiceIsIdempotent() throws Exception {
    Path h1 = host("i-1", "1.amzn2");
    comply("2024-03-01", List.of(h1), "--record");
    CliRun again = comply("2024-03-01", List.of(h1), "--record", "--sla-clock", "first-seen");
    assertThat(again.err())
        .as("the same run again changes nothing")
        .contains("0 findings opened, 0 closed, 2 still open");
    assertThat(item(again, "i-1", CRITICAL).get("clockStart").asText()).isEqualTo("2024-03-01");
  }

  @Test
  void aFirstRecordingJudgedOnFirstSeenStartsTodayLikeTheNextRunWill() throws Exception {
    String why =
        "--record --sla-clock first-seen judges as the history stands after recording, so this"
            + " run and the next agree";
    Path h1 = host("i-1", "1.amzn2");
    CliRun r = comply("2024-03-01", List.of(h1), "--record", "--sla-clock", "first-seen");
    JsonNode c = item(r, "i-1", CRITICAL);
    assertThat(c.get("clock").asText()).as(why).isEqualTo("first-seen");
    assertThat(c.get("clockStart").asText()).as(why).isEqualTo("2024-03-01");
    CliRun next = comply("2024-03-02", List.of(h1), "--sla-clock", "first-seen");
    assertThat(item(next, "i-1", CRITICAL).get("deadline").asText())
        .as(why)
        .isEqualTo(c.get("deadline").asText());
  }

  @Test
  void aFailedInstallShowsAsFailedAndTheHostIsNonCompliant() throws Exception {
    Path results = dir.resolve("results.jsonl");
    Files.writeString(
        results,
        """
        {"schema":"fleetpatch.install-result/v1","host":"i-1","advisory":"ALAS2-2024-0001","outcome":"failed","time":"2024-02-20T03:00:00Z","message":"Error: Transaction check error"}
        {"schema":"fleetpatch.install-result/v1","host":"i-1","advisory":"ALAS2-2024-0002","outcome":"failed","time":"2024-02-20T03:00:00Z"}
        {"schema":"fleetpatch.install-result/v1","host":"i-1","advisory":"ALAS2-2024-0002","outcome":"installed","time":"2024-02-21T03:00:00Z"}
        """,
        StandardCharsets.UTF_8);
    CliRun r =
        comply(
            "2024-03-01", List.of(host("i-1", "1.amzn2")), "--install-results", results.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(item(r, "i-1", CRITICAL).get("state").asText())
        .as("newest record failed: FAILED, not MISSING")
        .isEqualTo("FAILED");
    assertThat(item(r, "i-1", IMPORTANT).get("state").asText())
        .as("newest record installed (the host still misses it): MISSING")
        .isEqualTo("MISSING");
    JsonNode h = hostNode(r, "i-1");
    assertThat(h.get("compliant").asBoolean()).isFalse();
    assertThat(h.at("/counts/FAILED").asInt()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(r.out()).at("/fleet/byState/FAILED").asInt())
        .as("the fleet roll-up counts it")
        .isEqualTo(1);
  }

  @Test
  void aBadInstallResultsLineExitsThreeNamingFileAndLine() throws Exception {
    Path results = dir.resolve("bad.jsonl");
    Files.writeString(
        results,
        """
        {"schema":"fleetpatch.install-result/v1","host":"i-1","advisory":"A","outcome":"failed","time":"2024-02-20T03:00:00Z"}
        {"schema":"fleetpatch.install-result/v1","host":"i-1","advisory":"A","outcome":"maybe","time":"2024-02-20T03:00:00Z"}
        """);
    CliRun r =
        comply(
            "2024-03-01", List.of(host("i-1", "1.amzn2")), "--install-results", results.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err().strip())
        .as("one line, no stack trace")
        .startsWith("fleetpatch: " + results + ": line 2: outcome 'maybe'")
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(r.out()).as("nothing judged").isEmpty();
  }

  @Test
  void anUnknownSlaClockIsAUsageError() throws Exception {
    CliRun r = comply("2024-03-01", List.of(host("i-1", "1.amzn2")), "--sla-clock", "updated");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--sla-clock").contains("issued or first-seen");
  }

  @Test
  void reportRecordsAndJudgesLikeComply() throws Exception {
    Path h1 = host("i-1", "1.amzn2");
    comply("2024-03-01", List.of(h1), "--record");
    Path html = dir.resolve("r.html");
    CliRun r =
        CliRun.of(
            "report",
            h1.toString(),
            "--advisories",
            advisories.toString(),
            "--db",
            db.toString(),
            "--as-of",
            "2024-03-20",
            "--sla-clock",
            "first-seen",
            "--record",
            "--no-progress",
            "-o",
            html.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).contains("1 hosts recorded on 2024-03-20: 0 findings opened");
    assertThat(Files.readString(html))
        .as("Critical first seen 2024-03-01 is due 2024-03-08: 12 days over on 2024-03-20")
        .contains("2024-03-08");
  }

  @Test
  void theHistoryWorksTheSameOnPostgres() throws Exception {
    DatabaseTarget target = Backend.POSTGRESQL.freshTarget(dir);
    String url =
        target.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + target.user() + "@");
    Path h1 = host("i-1", "1.amzn2");
    List<String> common =
        List.of(
            h1.toString(), "--advisories", advisories.toString(), "--db", url, "--format", "json");
    List<String> first = new ArrayList<>(List.of("comply", "--as-of", "2024-03-01", "--record"));
    first.addAll(common);
    CliRun r1 = CliRun.of(first.toArray(String[]::new));
    assertThat(r1.err()).contains("2 findings opened");
    List<String> next =
        new ArrayList<>(List.of("comply", "--as-of", "2024-04-15", "--sla-clock", "first-seen"));
    next.addAll(common);
    CliRun r2 = CliRun.of(next.toArray(String[]::new));
    assertThat(item(r2, "i-1", CRITICAL).get("overdueDays").asInt())
        .as("first seen 2024-03-01 on PostgreSQL too: due 2024-03-08, 38 days over")
        .isEqualTo(38);
  }

  @Test
  void helpExplainsTheClockAndTheHistory() {
    CliRun r = CliRun.of("comply", "--help");
    assertThat(r.out()).contains("--sla-clock").contains("--record").contains("--install-results");
    assertThat(r.out()).doesNotContain("SLA clocks from first-seen history (the clock starts");
  }
}
