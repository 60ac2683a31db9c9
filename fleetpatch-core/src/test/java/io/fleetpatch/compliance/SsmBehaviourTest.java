package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.AL2023;
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
import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.baseline.PatchFilter;
import io.fleetpatch.baseline.PatchFilterKey;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PatchId;
import io.fleetpatch.baseline.PatchRule;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.baseline.RejectedAction;
import io.fleetpatch.match.FindingState;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One named test per documented SSM Patch Manager behaviour that fleetpatch reproduces
 * (reference/ssm-patch-manager.md). Each states why it holds.
 */
class SsmBehaviourTest {
  private static final PatchFilter SECURITY =
      PatchFilter.of(PatchFilterKey.CLASSIFICATION, "Security");

  private static Baseline afterDays(int days) {
    return Baseline.ofRules("t", "", PatchRule.afterDays(days, ComplianceLevel.HIGH, SECURITY));
  }

  private static Baseline withLists(
      List<String> approved, List<String> rejected, RejectedAction action, Baseline base) {
    return new Baseline(
        base.name(),
        base.operatingSystem(),
        "",
        base.globalFilters(),
        base.rules(),
        approved.stream().map(PatchId::parse).toList(),
        ComplianceLevel.CRITICAL,
        false,
        rejected.stream().map(PatchId::parse).toList(),
        action,
        List.of());
  }

  @Test
  void approveAfterDaysCountsFromTheUpdatedDateNotTheIssuedDate() {
    String why =
        "UG release-dates: on AL1/AL2 the delay counts from the notice's Updated Date, not its"
            + " Release Date (§2)";
    Advisory a =
        advisory(
            "ALAS2-2024-0001",
            AdvisoryType.SECURITY,
            Severity.IMPORTANT,
            "2024-01-01",
            "2024-03-01",
            "CVE-2024-0001");
    var hf = findings(host("h1"), AL2, finding(a, FindingState.MISSING));
    assertThat(judge(afterDays(7), "2024-03-07", hf).items())
        .as(why + ": 7 days after issued but only 6 after updated: not approved yet")
        .isEmpty();
    ComplianceItem item = only(judge(afterDays(7), "2024-03-08", hf));
    assertThat(item.state()).as(why).isEqualTo(ComplianceState.MISSING);
    assertThat(item.approvedOn()).as(why).isEqualTo(LocalDate.parse("2024-03-08"));
  }

  @Test
  void approveAfterDaysUsesTheIssuedDateWhenTheAdvisoryWasNeverUpdated() {
    String why = "Advisory.updatedOrIssued(): a notice without an updated date counts from issued";
    Advisory a =
        advisory("ALAS2-2024-0002", AdvisoryType.SECURITY, Severity.LOW, "2024-01-01", null);
    var hf = findings(host("h1"), AL2, finding(a, FindingState.MISSING));
    assertThat(only(judge(afterDays(7), "2024-01-08", hf)).approvedOn())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-01-08"));
  }

  @Test
  void approveAfterDaysCountsWholeUtcDays() {
    String why =
        "CloudFormation PatchRule: Patch Manager evaluates release dates in UTC, per whole day: an"
            + " update at 23:30Z on 1 March belongs to 1 March";
    Advisory a =
        advisory(
            "ALAS2-2024-0003",
            AdvisoryType.SECURITY,
            Severity.CRITICAL,
            "2024-03-01T23:30:00Z",
            "2024-03-01T23:30:00Z");
    var hf = findings(host("h1"), AL2, finding(a, FindingState.MISSING));
    assertThat(only(judge(afterDays(7), "2024-03-08", hf)).approvedOn())
        .as(why)
        .isEqualTo(LocalDate.parse("2024-03-08"));
  }

  @Test
  void approveAfterDaysZeroApprovesOnTheReleaseDay() {
    String why = "API PatchRule.ApproveAfterDays takes 0: approved the day it is released";
    Advisory a = security("ALAS2-2024-0004", Severity.LOW, "2024-05-05");
    var hf = findings(host("h1"), AL2, finding(a, FindingState.MISSING));
    assertThat(judge(afterDays(0), "2024-05-04", hf).items()).as(why).isEmpty();
    assertThat(only(judge(afterDays(0), "2024-05-05", hf)).state())
        .as(why)
        .isEqualTo(ComplianceState.MISSING);
  }

  @Test
  void approveUntilDateApprovesWhatWasReleasedOnOrBeforeIt() {
    String why =
        "API PatchRule.ApproveUntilDate: patches released or updated on or before the cut-off are"
            + " approved, later ones never";
    Baseline b =
        Baseline.ofRules(
            "t",
            "",
            PatchRule.untilDate(LocalDate.parse("2024-03-01"), ComplianceLevel.MEDIUM, SECURITY));
    Advisory onTheDay = security("ALAS2-2024-0010", Severity.LOW, "2024-03-01");
    Advisory dayAfter = security("ALAS2-2024-0011", Severity.CRITICAL, "2024-03-02");
    var hf =
        findings(
            host("h1"),
            AL2,
            finding(onTheDay, FindingState.MISSING),
            finding(dayAfter, FindingState.MISSING));
    HostCompliance h = judge(b, "2025-01-01", hf);
    assertThat(h.items())
        .as(why)
        .extracting(i -> i.advisory().id())
        .containsExactly("ALAS2-2024-0010");
    assertThat(h.items().get(0).complianceLevel()).as(why).isEqualTo(ComplianceLevel.MEDIUM);
  }

  @Test
  void rejectedWithBlockAndInstalledIsInstalledRejectedAndNonCompliant() {
    String why =
        "API RejectedPatchesAction BLOCK / UG compliance-states: a rejected package installed"
            + " before the rejection or outside Patch Manager is INSTALLED_REJECTED, non-compliant";
    Advisory a = security("ALAS2-2024-0020", Severity.IMPORTANT, "2024-01-01");
    Baseline b = withLists(List.of(), List.of("openssl-*"), RejectedAction.BLOCK, afterDays(0));
    HostCompliance h =
        judge(b, "2024-02-01", findings(host("h1"), AL2, finding(a, FindingState.INSTALLED)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED_REJECTED);
    assertThat(h.compliant()).as(why).isFalse();
  }

  @Test
  void rejectedWithAllowAsDependencyAndInstalledIsInstalledOtherAndCompliant() {
    String why =
        "API RejectedPatchesAction ALLOW_AS_DEPENDENCY (the default): the installed rejected"
            + " package is reported INSTALLED_OTHER, compliant; InstalledRejectedCount stays 0";
    Advisory a = security("ALAS2-2024-0021", Severity.IMPORTANT, "2024-01-01");
    Baseline b =
        withLists(
            List.of(), List.of("openssl-*"), RejectedAction.ALLOW_AS_DEPENDENCY, afterDays(0));
    HostCompliance h =
        judge(b, "2024-02-01", findings(host("h1"), AL2, finding(a, FindingState.INSTALLED)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED_OTHER);
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void aRejectedPatchThatIsNotInstalledIsNotMissing() {
    String why =
        "UG predefined-and-custom: a rejected patch is never installed by Patch Manager, so its"
            + " absence is no violation";
    Advisory a = security("ALAS2-2024-0022", Severity.CRITICAL, "2024-01-01", "CVE-2024-2222");
    Baseline b = withLists(List.of(), List.of("CVE-2024-2222"), RejectedAction.BLOCK, afterDays(0));
    HostCompliance h =
        judge(b, "2024-02-01", findings(host("h1"), AL2, finding(a, FindingState.MISSING)));
    assertThat(h.items()).as(why).isEmpty();
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void aPatchBothApprovedAndRejectedCountsAsRejected() {
    String why = "UG predefined-and-custom: a patch that is both approved and rejected is rejected";
    Advisory a = security("ALAS2-2024-0023", Severity.CRITICAL, "2024-01-01");
    Baseline b =
        withLists(
            List.of("ALAS2-2024-0023"),
            List.of("ALAS2-2024-0023"),
            RejectedAction.BLOCK,
            afterDays(0));
    HostCompliance h =
        judge(b, "2024-02-01", findings(host("h1"), AL2, finding(a, FindingState.INSTALLED)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED_REJECTED);
  }

  @Test
  void explicitApprovalAppliesEvenWhenTheRulesWouldDiscardThePatch() {
    String why =
        "UG installing-patches: explicit approvals apply even if GlobalFilters or the rules would"
            + " discard the patch; it is reported at ApprovedPatchesComplianceLevel";
    Advisory low = security("ALAS2-2024-0030", Severity.LOW, "2024-01-20", "CVE-2024-3030");
    Baseline rules =
        Baseline.ofRules(
            "t",
            "",
            PatchRule.afterDays(
                7,
                ComplianceLevel.HIGH,
                SECURITY,
                PatchFilter.of(PatchFilterKey.SEVERITY, "Critical")));
    var hf = findings(host("h1"), AL2, finding(low, FindingState.MISSING));
    assertThat(judge(rules, "2024-02-01", hf).items())
        .as("rules alone: Low is not approved")
        .isEmpty();
    Baseline b = withLists(List.of("CVE-2024-3030"), List.of(), RejectedAction.BLOCK, rules);
    ComplianceItem item = only(judge(b, "2024-01-20", hf));
    assertThat(item.state()).as(why).isEqualTo(ComplianceState.MISSING);
    assertThat(item.complianceLevel()).as(why).isEqualTo(ComplianceLevel.CRITICAL);
    assertThat(item.approvedBy()).as(why).isEqualTo("ApprovedPatches");
  }

  @Test
  void complianceLevelsDecideWhetherAHostIsCompliantAndItsNodeLevel() {
    String why =
        "API PatchRule.ComplianceLevel: the severity of the violation when an approved patch is"
            + " missing; a host is non-compliant when an item at or above the threshold is missing,"
            + " and reports the most severe level (UG: the node reports the rule's level)";
    Baseline b =
        Baseline.ofRules(
            "t",
            "",
            PatchRule.afterDays(
                0,
                ComplianceLevel.HIGH,
                SECURITY,
                PatchFilter.of(PatchFilterKey.SEVERITY, "Critical")),
            PatchRule.afterDays(
                0, ComplianceLevel.LOW, SECURITY, PatchFilter.of(PatchFilterKey.SEVERITY, "Low")));
    Advisory crit = security("ALAS2-2024-0040", Severity.CRITICAL, "2024-01-01");
    Advisory low = security("ALAS2-2024-0041", Severity.LOW, "2024-01-01");
    var onlyLowMissing =
        findings(
            host("h1"),
            AL2,
            finding(crit, FindingState.INSTALLED),
            finding(low, FindingState.MISSING));
    var policy = CompliancePolicy.of(PatchGroups.single(b), LocalDate.parse("2024-02-01"));
    HostCompliance all = judge(policy, onlyLowMissing);
    assertThat(all.compliant()).as(why + ": UNSPECIFIED threshold counts a LOW item").isFalse();
    assertThat(all.nodeLevel()).as(why).isEqualTo(ComplianceLevel.LOW);
    HostCompliance high = judge(policy.withThreshold(ComplianceLevel.HIGH), onlyLowMissing);
    assertThat(high.compliant()).as(why + ": a LOW item is below a HIGH threshold").isTrue();
    var bothMissing =
        findings(
            host("h2"),
            AL2,
            finding(crit, FindingState.MISSING),
            finding(low, FindingState.MISSING));
    HostCompliance both = judge(policy.withThreshold(ComplianceLevel.HIGH), bothMissing);
    assertThat(both.compliant()).as(why).isFalse();
    assertThat(both.nodeLevel()).as(why).isEqualTo(ComplianceLevel.HIGH);
  }

  @Test
  void nonSecurityUpdatesNeedEnableNonSecurity() {
    String why =
        "API PatchRule.EnableNonSecurity (default false) lets a rule apply non-security updates;"
            + " without it only Security and Bugfix notices are installed, as the documented"
            + " equivalent commands (yum update-minimal --sec-severity=... --bugfix) show";
    Advisory enh =
        advisory("ALAS2-2024-0050", AdvisoryType.ENHANCEMENT, Severity.NONE, "2024-01-01", null);
    PatchRule rule =
        PatchRule.afterDays(
            0,
            ComplianceLevel.MEDIUM,
            PatchFilter.of(PatchFilterKey.CLASSIFICATION, "Enhancement"));
    var hf = findings(host("h1"), AL2, finding(enh, FindingState.MISSING));
    assertThat(judge(Baseline.ofRules("off", "", rule), "2024-02-01", hf).items())
        .as(why + ": EnableNonSecurity false")
        .isEmpty();
    assertThat(
            only(judge(Baseline.ofRules("on", "", rule.withNonSecurity(true)), "2024-02-01", hf))
                .state())
        .as(why + ": EnableNonSecurity true")
        .isEqualTo(ComplianceState.MISSING);
  }

  @Test
  void bugfixNoticesAreApprovedWithoutEnableNonSecurity() {
    String why =
        "UG predefined baselines approve Bugfix with EnableNonSecurity false: the equivalent"
            + " command carries --bugfix";
    Advisory bug =
        advisory("ALAS2-2024-0051", AdvisoryType.BUGFIX, Severity.NONE, "2024-01-01", null);
    Baseline b = PredefinedBaselines.byName(PredefinedBaselines.AL2).orElseThrow();
    var hf = findings(host("h1"), AL2, finding(bug, FindingState.MISSING));
    assertThat(only(judge(b, "2024-01-08", hf)).state()).as(why).isEqualTo(ComplianceState.MISSING);
  }

  @Test
  void severityFilterMediumAlsoMatchesModerate() {
    String why = "UG installing-patches: SEVERITY Medium also matches Moderate from external repos";
    Advisory moderate =
        new Advisory(
            "ALINUX3-SA-2024:0001",
            new io.fleetpatch.advisory.AdvisorySource("alinux3", "oval"),
            AdvisoryType.SECURITY,
            Severity.normalise("Moderate"),
            "Moderate",
            Fixtures.instant("2024-01-01"),
            null,
            "",
            "",
            List.of(),
            List.of(),
            List.of(),
            false,
            "");
    Baseline b =
        Baseline.ofRules(
            "t",
            "",
            PatchRule.afterDays(
                0,
                ComplianceLevel.MEDIUM,
                SECURITY,
                PatchFilter.of(PatchFilterKey.SEVERITY, "Medium")));
    var hf = findings(host("h1"), AL2, finding(moderate, FindingState.MISSING));
    assertThat(only(judge(b, "2024-01-02", hf)).state()).as(why).isEqualTo(ComplianceState.MISSING);
  }

  @Test
  void productFilterSelectsTheHostsOperatingSystem() {
    String why =
        "API PatchFilter PRODUCT: AmazonLinux2 (and AmazonLinux2.0) name AL2 hosts; such a rule"
            + " approves nothing on an AL2023 host";
    Baseline b =
        Baseline.ofRules(
            "t",
            "",
            PatchRule.afterDays(
                0,
                ComplianceLevel.HIGH,
                PatchFilter.of(PatchFilterKey.PRODUCT, "AmazonLinux2.0"),
                SECURITY));
    Advisory a = security("ALAS-2024-0060", Severity.CRITICAL, "2024-01-01");
    assertThat(
            judge(b, "2024-02-01", findings(host("al2"), AL2, finding(a, FindingState.MISSING)))
                .items())
        .as(why)
        .hasSize(1);
    assertThat(
            judge(
                    b,
                    "2024-02-01",
                    findings(host("al2023"), AL2023, finding(a, FindingState.MISSING)))
                .items())
        .as(why)
        .isEmpty();
  }

  @Test
  void installedButNotInTheBaselineIsInstalledOther() {
    String why =
        "UG compliance-states: INSTALLED_OTHER is installed but not in the baseline (manual"
            + " install, dependency); compliant";
    Advisory medium = security("ALAS2-2024-0070", Severity.MEDIUM, "2024-01-01");
    Baseline b = PredefinedBaselines.byName(PredefinedBaselines.AL2).orElseThrow();
    HostCompliance h =
        judge(b, "2024-06-01", findings(host("h1"), AL2, finding(medium, FindingState.INSTALLED)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED_OTHER);
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void anInstalledKernelAwaitingRebootIsPendingRebootAndNonCompliant() {
    String why =
        "UG compliance-states: INSTALLED_PENDING_REBOOT is non-compliant until the node reboots"
            + " and a scan runs";
    Advisory k = security("ALAS2-2024-0080", Severity.IMPORTANT, "2024-01-01");
    HostCompliance h =
        judge(
            afterDays(7),
            "2024-02-01",
            findings(host("h1"), AL2, finding(k, FindingState.INSTALLED_PENDING_REBOOT)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED_PENDING_REBOOT);
    assertThat(h.compliant()).as(why).isFalse();
  }

  @Test
  void aLoadedLivePatchCountsAsInstalled() {
    String why =
        "UG kernel live patching: when live patches bring the running kernel to a newer kernel's"
            + " CVE level, that kernel is reported Installed and the node Compliant (§11)";
    Advisory k = security("ALAS2-2024-0081", Severity.CRITICAL, "2024-01-01");
    HostCompliance h =
        judge(
            afterDays(7),
            "2024-02-01",
            findings(host("h1"), AL2, finding(k, FindingState.MITIGATED_BY_LIVEPATCH)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.INSTALLED);
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void anApprovedAdvisoryForAnotherArchOrRepoIsNotApplicable() {
    String why = "UG compliance-states NOT_APPLICABLE: approved, but the product is absent";
    Advisory a = security("ALAS2-2024-0090", Severity.CRITICAL, "2024-01-01");
    HostCompliance h =
        judge(
            afterDays(0),
            "2024-02-01",
            findings(host("h1"), AL2, finding(a, FindingState.NOT_APPLICABLE)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.NOT_APPLICABLE);
    assertThat(h.compliant()).as(why).isTrue();
  }

  @Test
  void aFailedInstallIsFailedNotMissing() {
    String why = "UG aws-runpatchbaseline: Install reports Failed, not Missing; non-compliant";
    Advisory a = security("ALAS2-2024-0091", Severity.CRITICAL, "2024-01-01");
    var policy =
        CompliancePolicy.of(PatchGroups.single(afterDays(0)), LocalDate.parse("2024-02-01"))
            .withHistory(
                FirstSeen.UNKNOWN, (hostId, adv) -> hostId.equals("h1") && adv.equals(a.id()));
    HostCompliance h = judge(policy, findings(host("h1"), AL2, finding(a, FindingState.MISSING)));
    assertThat(only(h).state()).as(why).isEqualTo(ComplianceState.FAILED);
    assertThat(h.compliant()).as(why).isFalse();
  }

  @Test
  void predefinedAmazonLinux2BaselineApprovesCriticalImportantAndBugfixAfterSevenDays() {
    String why =
        "UG predefined baselines: AWS-AmazonLinux2DefaultPatchBaseline approves Security"
            + " Critical/Important and Bugfix 7 days after release; Medium and Low are left out";
    Baseline b = PredefinedBaselines.byName(PredefinedBaselines.AL2).orElseThrow();
    Advisory crit = security("ALAS2-2024-0100", Severity.CRITICAL, "2024-01-01");
    Advisory imp = security("ALAS2-2024-0101", Severity.IMPORTANT, "2024-01-01");
    Advisory med = security("ALAS2-2024-0102", Severity.MEDIUM, "2024-01-01");
    var hf =
        findings(
            host("h1"),
            AL2,
            finding(crit, FindingState.MISSING),
            finding(imp, FindingState.MISSING),
            finding(med, FindingState.MISSING));
    assertThat(judge(b, "2024-01-07", hf).items()).as(why + ": day 6").isEmpty();
    assertThat(judge(b, "2024-01-08", hf).items())
        .as(why + ": day 7")
        .extracting(i -> i.advisory().id())
        .containsExactly("ALAS2-2024-0100", "ALAS2-2024-0101");
    assertThat(judge(b, "2024-01-08", hf).items())
        .as("predefined baselines report UNSPECIFIED")
        .allMatch(i -> i.complianceLevel() == ComplianceLevel.UNSPECIFIED);
  }

  @Test
  void patchGroupTagsChooseTheBaselineAndUngroupedHostsUseTheDefault() {
    String why =
        "UG patch-groups: tag key 'Patch Group' or 'PatchGroup' names the group; one baseline per"
            + " OS per group; ungrouped nodes use the default baseline";
    Baseline strict =
        new Baseline(
            "strict",
            "AMAZON_LINUX_2",
            "",
            List.of(),
            List.of(PatchRule.afterDays(0, ComplianceLevel.CRITICAL, SECURITY)),
            List.of(),
            ComplianceLevel.UNSPECIFIED,
            false,
            List.of(),
            RejectedAction.ALLOW_AS_DEPENDENCY,
            List.of("web"));
    Baseline lax = afterDays(30);
    PatchGroups groups = new PatchGroups(List.of(strict, lax), List.of(lax));
    assertThat(groups.baselineFor(host("a", "Patch Group", "web"), AL2).name())
        .as(why)
        .isEqualTo("strict");
    assertThat(groups.baselineFor(host("b", "PatchGroup", "web"), AL2).name())
        .as(why)
        .isEqualTo("strict");
    assertThat(groups.baselineFor(host("c", "patchgroup", "web"), AL2).name())
        .as(why + ": tag keys are case-sensitive")
        .isEqualTo("t");
    assertThat(groups.baselineFor(host("d"), AL2).name()).as(why).isEqualTo("t");
    assertThat(groups.baselineFor(host("e", "PatchGroup", "web"), AL2023).name())
        .as(why + ": the group has no AL2023 baseline, so the default applies")
        .isEqualTo("t");
    PatchGroups onlyAl2 = PatchGroups.single(strict);
    assertThat(onlyAl2.baselineFor(host("f"), AL2023).name())
        .as(why + ": no baseline for the OS: AWS's OS default")
        .isEqualTo(PredefinedBaselines.AL2023);
  }
}
