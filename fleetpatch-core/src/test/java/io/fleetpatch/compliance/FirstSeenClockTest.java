package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.advisory;
import static io.fleetpatch.compliance.Fixtures.finding;
import static io.fleetpatch.compliance.Fixtures.findings;
import static io.fleetpatch.compliance.Fixtures.host;
import static io.fleetpatch.compliance.Fixtures.only;
import static io.fleetpatch.compliance.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.compliance.history.OpenFindings;
import io.fleetpatch.compliance.history.RecordPlan;
import io.fleetpatch.match.FindingState;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks from recorded first-seen days, through the evaluator, and the clock each item used.
 */
class FirstSeenClockTest {
  private static final Advisory IMPORTANT =
      security("ALAS2-2024-0401", Severity.IMPORTANT, "2024-01-01");

  private static CompliancePolicy policy(String asOf, FirstSeen firstSeen) {
    var b = PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow();
    CompliancePolicy p = CompliancePolicy.of(PatchGroups.single(b), LocalDate.parse(asOf));
    return p.withSla(SlaPolicy.DEFAULT.withClock(SlaPolicy.Clock.FIRST_SEEN), KnownExploited.NONE)
        .withHistory(firstSeen, InstallOutcomes.NONE);
  }

  private static ComplianceItem judge(String asOf, FirstSeen firstSeen, String hostId) {
    return only(
        Fixtures.judge(
            policy(asOf, firstSeen),
            findings(host(hostId), AL2, finding(IMPORTANT, FindingState.MISSING))));
  }

  @Test
  void aRecordedFirstSeenDayMovesTheDeadlineAndTheOverdueDays() {
    String why = "Important: 30 days from the day the finding was first recorded, not from issue";
    OpenFindings history =
        OpenFindings.builder()
            .host("h1", LocalDate.parse("2024-03-10"))
            .open("h1", IMPORTANT.id(), LocalDate.parse("2024-03-01"))
            .build();
    ComplianceItem i = judge("2024-04-15", history.asOf(LocalDate.parse("2024-04-15")), "h1");
    assertThat(i.deadline().due()).as(why).isEqualTo(LocalDate.parse("2024-03-31"));
    assertThat(i.deadline().start()).as(why).isEqualTo(LocalDate.parse("2024-03-01"));
    assertThat(i.deadline().clock()).as(why).isEqualTo(SlaPolicy.Clock.FIRST_SEEN);
    assertThat(i.overdueDays()).as("2024-04-15 is 15 days past 2024-03-31").isEqualTo(15);

    ComplianceItem other = judge("2024-04-15", history.asOf(LocalDate.parse("2024-04-15")), "h2");
    assertThat(other.deadline().due())
        .as("no history for host h2: the clock falls back to the issued date")
        .isEqualTo(LocalDate.parse("2024-01-31"));
    assertThat(other.deadline().clock()).as("and says so").isEqualTo(SlaPolicy.Clock.ISSUED);
    assertThat(other.overdueDays()).isEqualTo(75);
  }

  @Test
  void historyNewerThanTheDayJudgedIsNotUsed() {
    String why = "judging 2024-02-15, a first sighting on 2024-03-01 had not happened yet";
    OpenFindings history =
        OpenFindings.builder()
            .host("h1", LocalDate.parse("2024-03-01"))
            .open("h1", IMPORTANT.id(), LocalDate.parse("2024-03-01"))
            .build();
    ComplianceItem i = judge("2024-02-15", history.asOf(LocalDate.parse("2024-02-15")), "h1");
    assertThat(i.deadline().clock()).as(why).isEqualTo(SlaPolicy.Clock.ISSUED);
  }

  @Test
  void judgedAsRecordedANewFindingIsFirstSeenTodayAndAnOpenOneKeepsItsDay() {
    String why =
        "with --record the run is judged as the history will stand: the same deadline the next"
            + " run, reading the store, computes";
    LocalDate day = LocalDate.parse("2024-04-15");
    OpenFindings before =
        OpenFindings.builder()
            .host("h1", LocalDate.parse("2024-04-01"))
            .open("h1", IMPORTANT.id(), LocalDate.parse("2024-03-01"))
            .build();
    FirstSeen after = before.afterRecording(day);
    assertThat(after.firstSeen("h1", IMPORTANT.id()))
        .as(why)
        .isEqualTo(LocalDate.parse("2024-03-01"));
    assertThat(after.firstSeen("h2", IMPORTANT.id())).as(why).isEqualTo(day);
    assertThat(after.firstSeen("h1", "ALAS2-2024-9999")).as(why).isEqualTo(day);

    // the recorded state, rebuilt from the plan, answers the same
    RecordPlan plan =
        RecordPlan.of(
            before, day, Map.of("h1", Set.of(IMPORTANT.id(), "ALAS2-2024-9999"), "h2", Set.of()));
    assertThat(plan.opened())
        .as(why)
        .containsExactly(new RecordPlan.Opened("h1", "ALAS2-2024-9999"));
    assertThat(plan.stillOpen()).isEqualTo(1);
  }

  @Test
  void anAdvisoryWithoutDatesTakesItsClockFromFirstSeenEvenOnTheIssuedClock() {
    String why = "no issued or updated date: first-seen is the only start there is, and is named";
    Advisory undated =
        advisory("ALAS2-2024-0402", AdvisoryType.SECURITY, Severity.CRITICAL, null, null);
    SlaPolicy.Deadline d =
        SlaPolicy.DEFAULT.deadline(undated, KnownExploited.NONE, LocalDate.parse("2024-05-01"));
    assertThat(d.due()).as(why).isEqualTo(LocalDate.parse("2024-05-08"));
    assertThat(d.clock()).as(why).isEqualTo(SlaPolicy.Clock.FIRST_SEEN);
    assertThat(SlaPolicy.DEFAULT.deadline(IMPORTANT, KnownExploited.NONE, null).clock())
        .as("issued clock")
        .isEqualTo(SlaPolicy.Clock.ISSUED);
    assertThat(SlaPolicy.Deadline.NONE.clock()).as("no deadline, no clock").isNull();
  }

  @Test
  void clockLabelsRoundTrip() {
    for (SlaPolicy.Clock c : SlaPolicy.Clock.values()) {
      assertThat(SlaPolicy.Clock.parse(c.label())).as(c.label()).isEqualTo(c);
      assertThat(c.toString()).isEqualTo(c.label());
    }
    assertThat(SlaPolicy.Clock.FIRST_SEEN.label()).isEqualTo("first-seen");
  }
}
