package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.finding;
import static io.fleetpatch.compliance.Fixtures.findings;
import static io.fleetpatch.compliance.Fixtures.host;
import static io.fleetpatch.compliance.Fixtures.judge;
import static io.fleetpatch.compliance.Fixtures.only;
import static io.fleetpatch.compliance.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One named test per exception rule (DESIGN.md §4 "Exception"). */
class ExceptionRulesTest {
  private static final Advisory TWO_CVES =
      security(
          "ALAS2-2024-0200", Severity.CRITICAL, "2024-01-01", "CVE-2024-1111", "CVE-2024-2222");
  private static final Advisory ONE_CVE =
      security("ALAS2-2024-0201", Severity.CRITICAL, "2024-01-01", "CVE-2024-3333");

  private static Waiver waiver(
      String id, Waiver.Subject s, Waiver.Target t, String created, String expires) {
    return new Waiver(
        id,
        s,
        t,
        "compensating control: not reachable from the internet",
        "alice@example.com",
        LocalDate.parse(created),
        LocalDate.parse(expires),
        VexStatement.RISK_ACCEPTED);
  }

  private static HostCompliance run(String asOf, HostFindings hf, Waiver... ws) {
    var p =
        CompliancePolicy.of(
                PatchGroups.single(
                    PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow()),
                LocalDate.parse(asOf))
            .withWaivers(List.of(ws));
    return judge(p, hf);
  }

  private static HostFindings missing(String hostId, String group, Advisory... as) {
    var h = group == null ? host(hostId) : host(hostId, "Patch Group", group);
    return findings(
        h,
        AL2,
        java.util.Arrays.stream(as)
            .map(a -> finding(a, FindingState.MISSING))
            .toArray(io.fleetpatch.match.Finding[]::new));
  }

  @Test
  void anActiveExceptionWaivesTheItemAndTheHostIsCompliant() {
    String why =
        "an exception is an approved decision not to fix: the item stays MISSING but no longer counts";
    Waiver w =
        waiver(
            "EX-1",
            new Waiver.AdvisoryId(ONE_CVE.id()),
            new Waiver.Fleet(),
            "2024-01-01",
            "2024-06-01");
    HostCompliance h = run("2024-03-01", missing("h1", null, ONE_CVE), w);
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.MISSING);
    assertThat(only(h).exception()).as(why).isEqualTo("EX-1");
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void anExpiredExceptionStopsApplyingByItself() {
    String why =
        "expired means gone: from the expiry day on the item counts again, nobody has to remove it";
    Waiver w =
        waiver(
            "EX-2",
            new Waiver.AdvisoryId(ONE_CVE.id()),
            new Waiver.Fleet(),
            "2024-01-01",
            "2024-06-01");
    assertThat(run("2024-05-31", missing("h1", null, ONE_CVE), w).compliant())
        .as(why + ": last day")
        .isTrue();
    HostCompliance after = run("2024-06-01", missing("h1", null, ONE_CVE), w);
    assertThat(after.compliant()).as(why + ": expiry day").isFalse();
    assertThat(only(after).exception()).as(why).isNull();
  }

  @Test
  void anExceptionDoesNotApplyBeforeItWasCreated() {
    String why =
        "an exception applies from its created day, so --as-of in the past shows the state then";
    Waiver w =
        waiver(
            "EX-3",
            new Waiver.AdvisoryId(ONE_CVE.id()),
            new Waiver.Fleet(),
            "2024-03-01",
            "2024-06-01");
    assertThat(run("2024-02-29", missing("h1", null, ONE_CVE), w).compliant()).as(why).isFalse();
  }

  @Test
  void aCveExceptionWaivesAnAdvisoryOnlyWhenItCoversAllItsCves() {
    String why = "an advisory fixing two CVEs is still needed while only one of them is waived";
    Waiver one =
        waiver(
            "EX-4",
            new Waiver.Cve("CVE-2024-1111"),
            new Waiver.Fleet(),
            "2024-01-01",
            "2025-01-01");
    Waiver other =
        waiver(
            "EX-5",
            new Waiver.Cve("CVE-2024-2222"),
            new Waiver.Fleet(),
            "2024-01-01",
            "2025-01-01");
    assertThat(run("2024-03-01", missing("h1", null, TWO_CVES), one).compliant()).as(why).isFalse();
    HostCompliance both = run("2024-03-01", missing("h1", null, TWO_CVES), one, other);
    assertThat(both.compliant()).as(why).isTrue();
    assertThat(only(both).exception()).as(why).isEqualTo("EX-4+EX-5");
  }

  @Test
  void aHostExceptionWaivesEverythingOnThatHostOnly() {
    String why = "scope host: every advisory on that host, no other host";
    Waiver w =
        waiver(
            "EX-6", new Waiver.Everything(), new Waiver.HostId("h1"), "2024-01-01", "2025-01-01");
    assertThat(run("2024-03-01", missing("h1", null, ONE_CVE, TWO_CVES), w).compliant())
        .as(why)
        .isTrue();
    assertThat(run("2024-03-01", missing("h2", null, ONE_CVE), w).compliant()).as(why).isFalse();
  }

  @Test
  void aGroupExceptionWaivesOnlyHostsOfThatPatchGroup() {
    String why = "scope group: hosts whose Patch Group tag is the group";
    Waiver w =
        waiver(
            "EX-7",
            new Waiver.Cve("CVE-2024-3333"),
            new Waiver.Group("web"),
            "2024-01-01",
            "2025-01-01");
    assertThat(run("2024-03-01", missing("h1", "web", ONE_CVE), w).compliant()).as(why).isTrue();
    assertThat(run("2024-03-01", missing("h2", "db", ONE_CVE), w).compliant()).as(why).isFalse();
    assertThat(run("2024-03-01", missing("h3", null, ONE_CVE), w).compliant()).as(why).isFalse();
  }

  @Test
  void aWaivedItemIsNeverOverdue() {
    String why = "the SLA is suspended while an exception holds";
    Waiver w =
        waiver(
            "EX-8",
            new Waiver.AdvisoryId(ONE_CVE.id()),
            new Waiver.Fleet(),
            "2024-01-01",
            "2025-01-01");
    ComplianceItem i = only(run("2024-12-01", missing("h1", null, ONE_CVE), w));
    assertThat(i.overdueDays()).as(why).isZero();
    assertThat(only(run("2024-12-01", missing("h1", null, ONE_CVE))).overdueDays())
        .as("without the exception it is overdue")
        .isPositive();
  }

  @Test
  void anExceptionNeedsJustificationApproverExpiryAndAScope() {
    String why = "an unaccountable waiver is refused";
    assertThatThrownBy(
            () ->
                new Waiver(
                    "X",
                    new Waiver.Cve("CVE-2024-1" + "000"),
                    new Waiver.Fleet(),
                    " ",
                    "bob",
                    LocalDate.parse("2024-01-01"),
                    LocalDate.parse("2024-02-01"),
                    VexStatement.RISK_ACCEPTED))
        .as(why)
        .hasMessageContaining("justification");
    assertThatThrownBy(
            () ->
                new Waiver(
                    "X",
                    new Waiver.Cve("CVE-2024-1000"),
                    new Waiver.Fleet(),
                    "why",
                    "",
                    LocalDate.parse("2024-01-01"),
                    LocalDate.parse("2024-02-01"),
                    VexStatement.RISK_ACCEPTED))
        .as(why)
        .hasMessageContaining("approver");
    assertThatThrownBy(
            () ->
                new Waiver(
                    "X",
                    new Waiver.Cve("CVE-2024-1000"),
                    new Waiver.Fleet(),
                    "why",
                    "bob",
                    LocalDate.parse("2024-02-01"),
                    LocalDate.parse("2024-02-01"),
                    VexStatement.RISK_ACCEPTED))
        .as(why)
        .hasMessageContaining("expires");
    assertThatThrownBy(
            () ->
                new Waiver(
                    "X",
                    new Waiver.Everything(),
                    new Waiver.Fleet(),
                    "why",
                    "bob",
                    LocalDate.parse("2024-01-01"),
                    LocalDate.parse("2024-02-01"),
                    VexStatement.RISK_ACCEPTED))
        .as(why)
        .hasMessageContaining("must name");
  }

  @Test
  void everyCreationAndExpiryIsAuditedOnce(@TempDir Path dir) throws Exception {
    String why = "the audit log records each creation and each expiry exactly once, append-only";
    AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
    Waiver w =
        waiver(
            "EX-9",
            new Waiver.Cve("CVE-2024-3333"),
            new Waiver.HostId("h1"),
            "2024-01-01",
            "2024-02-01");
    Instant now = Instant.parse("2024-01-15T10:00:00Z");
    assertThat(log.reconcile(List.of(w), LocalDate.parse("2024-01-15"), now, "ex.yaml"))
        .as(why)
        .extracting(AuditRecord::action)
        .containsExactly(AuditRecord.Action.CREATED);
    assertThat(log.reconcile(List.of(w), LocalDate.parse("2024-01-20"), now, "ex.yaml"))
        .as(why)
        .isEmpty();
    List<AuditRecord> expiry =
        log.reconcile(List.of(w), LocalDate.parse("2024-02-01"), now, "ex.yaml");
    assertThat(expiry)
        .as(why)
        .extracting(AuditRecord::action)
        .containsExactly(AuditRecord.Action.EXPIRED);
    assertThat(expiry.get(0).effective()).as(why).isEqualTo(LocalDate.parse("2024-02-01"));
    assertThat(log.reconcile(List.of(w), LocalDate.parse("2024-03-01"), now, "ex.yaml"))
        .as(why)
        .isEmpty();
    assertThat(log.records()).as(why).hasSize(2);
    assertThat(log.records().get(0).actor())
        .as("a creation is by its approver")
        .isEqualTo("alice@example.com");
  }

  @Test
  void hostsSharingOneFindingListDoNotShareTheirExceptions() {
    String why =
        "the evaluator reuses the items of a finding list shared by identical hosts; a host"
            + " exception must still apply to that host only";
    Waiver w =
        waiver(
            "EX-10", new Waiver.Everything(), new Waiver.HostId("a"), "2024-01-01", "2025-01-01");
    var shared = List.of(finding(ONE_CVE, FindingState.MISSING));
    var p =
        CompliancePolicy.of(
                PatchGroups.single(
                    PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow()),
                LocalDate.parse("2024-03-01"))
            .withWaivers(List.of(w));
    var eval = new ComplianceEvaluator(p);
    var scope =
        new io.fleetpatch.match.RepoScope(
            java.util.Set.of(), io.fleetpatch.match.RepoScope.Basis.ALL, List.of("t"));
    HostFindings a = new HostFindings(host("a"), AL2, null, scope, shared);
    HostFindings b = new HostFindings(host("b"), AL2, null, scope, shared);
    HostFindings c = new HostFindings(host("c"), AL2, null, scope, shared);
    assertThat(eval.evaluate(Fixtures.inventory(host("b"), AL2), b).compliant()).as(why).isFalse();
    assertThat(eval.evaluate(Fixtures.inventory(host("a"), AL2), a).compliant()).as(why).isTrue();
    assertThat(eval.evaluate(Fixtures.inventory(host("c"), AL2), c).compliant()).as(why).isFalse();
  }
}
