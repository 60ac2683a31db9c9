package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.advisory;
import static io.fleetpatch.compliance.Fixtures.finding;
import static io.fleetpatch.compliance.Fixtures.findings;
import static io.fleetpatch.compliance.Fixtures.host;
import static io.fleetpatch.compliance.Fixtures.judge;
import static io.fleetpatch.compliance.Fixtures.only;
import static io.fleetpatch.compliance.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.match.FindingState;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One named test per SLA rule (DESIGN.md §4 "SLA policy"). */
class SlaRulesTest {
  private static final KnownExploited KEV = KnownExploited.of(Set.of("CVE-2021-44228"));

  @ParameterizedTest(name = "{0}: due {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # severity | due        | why
          CRITICAL   | 2024-01-08 | default Critical deadline is 7 days
          IMPORTANT  | 2024-01-31 | default Important deadline is 30 days
          MEDIUM     | 2024-03-31 | default Medium deadline is 90 days
          LOW        | 2024-06-29 | default Low deadline is 180 days
          """)
  void defaultDeadlinesPerSeverityCountFromTheIssuedDate(Severity s, String due, String why) {
    Advisory a = advisory("ALAS2-2024-0300", AdvisoryType.SECURITY, s, "2024-01-01", "2024-05-01");
    SlaPolicy.Deadline d = SlaPolicy.DEFAULT.deadline(a, KnownExploited.NONE, null);
    assertThat(d.due()).as(why + " (issued, not updated)").isEqualTo(LocalDate.parse(due));
  }

  @Test
  void aKevListedCveShortensTheDeadlineToFourteenDays() {
    String why = "BOD 22-01's default KEV window is two weeks; it shortens a Medium's 90 days";
    Advisory a = security("ALAS2-2024-0301", Severity.MEDIUM, "2024-01-01", "CVE-2021-44228");
    SlaPolicy.Deadline d = SlaPolicy.DEFAULT.deadline(a, KEV, null);
    assertThat(d.due()).as(why).isEqualTo(LocalDate.parse("2024-01-15"));
    assertThat(d.kev()).as(why).isTrue();
  }

  @Test
  void kevNeverLengthensAShorterSeverityDeadline() {
    String why = "KEV listing can only shorten a deadline: Critical stays at 7 days";
    Advisory a = security("ALAS2-2024-0302", Severity.CRITICAL, "2024-01-01", "CVE-2021-44228");
    assertThat(SlaPolicy.DEFAULT.deadline(a, KEV, null).due())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-01-08"));
  }

  @Test
  void aKevListedCveGetsADeadlineEvenWithoutASeverity() {
    String why =
        "an unrated advisory has no severity deadline, but a KEV-listed CVE still must be fixed";
    Advisory a = security("ALAS2-2024-0303", Severity.NONE, "2024-01-01", "CVE-2021-44228");
    assertThat(SlaPolicy.DEFAULT.deadline(a, KnownExploited.NONE, null))
        .as(why)
        .isEqualTo(SlaPolicy.Deadline.NONE);
    assertThat(SlaPolicy.DEFAULT.deadline(a, KEV, null).due())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-01-15"));
  }

  @Test
  void theClockCanStartAtFirstSeen() {
    String why = "with clock FIRST_SEEN, a host that got the finding later gets its full window";
    Advisory a = security("ALAS2-2024-0304", Severity.IMPORTANT, "2024-01-01");
    SlaPolicy p = SlaPolicy.DEFAULT.withClock(SlaPolicy.Clock.FIRST_SEEN);
    assertThat(p.deadline(a, KnownExploited.NONE, LocalDate.parse("2024-03-01")).due())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-03-31"));
    assertThat(p.deadline(a, KnownExploited.NONE, null).due())
        .as(why + ": unknown first-seen falls back to issued")
        .isEqualTo(LocalDate.parse("2024-01-31"));
    assertThat(
            SlaPolicy.DEFAULT.deadline(a, KnownExploited.NONE, LocalDate.parse("2024-03-01")).due())
        .as("clock ISSUED ignores first-seen")
        .isEqualTo(LocalDate.parse("2024-01-31"));
  }

  @Test
  void anOpenItemPastItsDeadlineIsOverdueByTheDaysOver() {
    String why = "overdue findings carry the days over the deadline on the as-of day";
    Advisory a = security("ALAS2-2024-0305", Severity.CRITICAL, "2024-01-01");
    var b = PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow();
    var hf = findings(host("h1"), AL2, finding(a, FindingState.MISSING));
    assertThat(only(judge(b, "2024-01-08", hf)).overdueDays()).as(why + ": due day").isZero();
    assertThat(only(judge(b, "2024-01-18", hf)).overdueDays()).as(why).isEqualTo(10);
    assertThat(only(judge(b, "2024-01-18", hf)).deadline().due())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-01-08"));
  }

  @Test
  void installedItemsHaveNoDeadline() {
    String why = "the SLA runs only while the fix is open (MISSING, FAILED, pending reboot)";
    Advisory a = security("ALAS2-2024-0306", Severity.CRITICAL, "2024-01-01");
    var b = PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow();
    ComplianceItem i =
        only(judge(b, "2025-01-01", findings(host("h1"), AL2, finding(a, FindingState.INSTALLED))));
    assertThat(i.deadline()).as(why).isEqualTo(SlaPolicy.Deadline.NONE);
    assertThat(i.overdue()).as(why).isFalse();
    ComplianceItem reboot =
        only(
            judge(
                b,
                "2025-01-01",
                findings(host("h1"), AL2, finding(a, FindingState.INSTALLED_PENDING_REBOOT))));
    assertThat(reboot.overdue()).as("a pending reboot keeps the clock running").isTrue();
  }

  @Test
  void customDaysReplaceTheDefaults() {
    String why = "an SLA policy is configurable per severity";
    Advisory a = security("ALAS2-2024-0307", Severity.IMPORTANT, "2024-01-01");
    var p =
        CompliancePolicy.of(
                PatchGroups.single(
                    PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow()),
                LocalDate.parse("2024-01-20"))
            .withSla(SlaPolicy.DEFAULT.withDays(Severity.IMPORTANT, 14), KnownExploited.NONE);
    assertThat(
            only(judge(p, findings(host("h1"), AL2, finding(a, FindingState.MISSING))))
                .overdueDays())
        .as(why)
        .isEqualTo(5);
  }

  @Test
  void theRealKevCatalogShortensLog4ShellsDeadline() {
    String why =
        "CVE-2021-44228 is in CISA's KEV catalog 2025.08.25 (read with the advisory feeds' KEV"
            + " parser): a Medium advisory fixing it is due in 14 days, not 90";
    var catalog =
        new io.fleetpatch.advisory.enrich.KevParser()
            .read(
                io.fleetpatch.testing.SharedData.data(
                    "kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.json"));
    KnownExploited kev =
        KnownExploited.of(
            catalog.entries().stream()
                .map(io.fleetpatch.advisory.enrich.KevEntry::cveId)
                .collect(java.util.stream.Collectors.toSet()));
    assertThat(catalog.entries()).as(why).hasSize(1404);
    Advisory a = security("ALAS2-2024-0308", Severity.MEDIUM, "2024-01-01", "CVE-2021-44228");
    assertThat(SlaPolicy.DEFAULT.deadline(a, kev, null).due())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-01-15"));
    Advisory b = security("ALAS2-2024-0309", Severity.MEDIUM, "2024-01-01", "CVE-2024-99999");
    assertThat(SlaPolicy.DEFAULT.deadline(b, kev, null).due())
        .as("not listed")
        .isEqualTo(LocalDate.parse("2024-03-31"));
  }
}
