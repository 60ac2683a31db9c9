package io.fleetpatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.rpm.Nevra;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** fleetpatch's extensions beyond dnf, on hand-made advisories and hosts. */
class MatcherTest {
  static Advisory adv(String id, String repo, String release, List<String> cves, String... fixed) {
    return new Advisory(
        id,
        new AdvisorySource(release, repo),
        AdvisoryType.SECURITY,
        Severity.IMPORTANT,
        "important",
        Instant.parse("2024-01-01T00:00:00Z"),
        null,
        "",
        "",
        cves,
        List.of(),
        Arrays.stream(fixed).map(f -> FixedPackage.of(Nevra.parse(f), null)).toList(),
        false,
        "");
  }

  static Inventory host(String versionId, String kernel, List<String> repos, String... pkgs) {
    return new Inventory(
        Host.of("h"),
        new OsRelease(Map.of("ID", "amzn", "VERSION_ID", versionId)),
        kernel,
        Arrays.stream(pkgs).map(p -> InstalledPackage.of(Nevra.parse(p))).toList(),
        repos,
        null,
        null,
        "test");
  }

  static Finding finding(HostFindings h, String id) {
    return h.findings().stream()
        .filter(f -> f.advisoryId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding " + id + " in " + h.findings()));
  }

  static final List<Advisory> KERNEL =
      List.of(
          adv(
              "K-OLD",
              "amzn2-core",
              "2",
              List.of("CVE-2024-0001"),
              "kernel-4.14.300-1.amzn2.x86_64"),
          adv(
              "K-MID",
              "amzn2-core",
              "2",
              List.of("CVE-2024-0002"),
              "kernel-4.14.310-1.amzn2.x86_64"),
          adv(
              "K-NEW",
              "amzn2-core",
              "2",
              List.of("CVE-2024-0003", "CVE-2024-0004"),
              "kernel-4.14.330-1.amzn2.x86_64",
              "kernel-headers-4.14.330-1.amzn2.x86_64"),
          adv(
              "LP-1",
              "amzn2extra-livepatch",
              "2",
              List.of("CVE-2024-0003", "CVE-2024-0004"),
              "kernel-livepatch-4.14.305-1-1.0-2.amzn2.x86_64"),
          adv(
              "K510",
              "amzn2extra-kernel-5.10",
              "2",
              List.of("CVE-2024-0005"),
              "kernel-5.10.200-1.amzn2.x86_64"));

  static Stream<Arguments> kernelCases() {
    return Stream.of(
        Arguments.of(
            "running the newest kernel: old fixes INSTALLED, newer fix MISSING",
            "4.14.320-1.amzn2.x86_64",
            List.of("kernel-4.14.305-1.amzn2.x86_64", "kernel-4.14.320-1.amzn2.x86_64"),
            Map.of("K-OLD", "INSTALLED", "K-MID", "INSTALLED", "K-NEW", "MISSING")),
        Arguments.of(
            "running the older kernel: the fix between them is pending a reboot",
            "4.14.305-1.amzn2.x86_64",
            List.of("kernel-4.14.305-1.amzn2.x86_64", "kernel-4.14.320-1.amzn2.x86_64"),
            Map.of("K-OLD", "INSTALLED", "K-MID", "INSTALLED_PENDING_REBOOT", "K-NEW", "MISSING")),
        Arguments.of(
            "running kernel unknown (container): dnf's answer only",
            null,
            List.of("kernel-4.14.305-1.amzn2.x86_64", "kernel-4.14.320-1.amzn2.x86_64"),
            Map.of("K-OLD", "INSTALLED", "K-MID", "INSTALLED", "K-NEW", "MISSING")),
        Arguments.of(
            "livepatch for the running kernel covers both CVEs of the missing kernel fix",
            "4.14.305-1.amzn2.x86_64",
            List.of(
                "kernel-4.14.305-1.amzn2.x86_64",
                "kernel-headers-4.14.305-1.amzn2.x86_64",
                "kernel-livepatch-4.14.305-1-1.0-2.amzn2.x86_64"),
            Map.of(
                "K-OLD",
                "INSTALLED",
                "K-MID",
                "MISSING",
                "K-NEW",
                "MITIGATED_BY_LIVEPATCH",
                "LP-1",
                "INSTALLED")),
        Arguments.of(
            "livepatch too old (release 1 < 2): nothing mitigated, livepatch advisory MISSING",
            "4.14.305-1.amzn2.x86_64",
            List.of(
                "kernel-4.14.305-1.amzn2.x86_64", "kernel-livepatch-4.14.305-1-1.0-1.amzn2.x86_64"),
            Map.of("K-NEW", "MISSING", "LP-1", "MISSING")),
        Arguments.of(
            "livepatch for a kernel that is not running mitigates nothing",
            "4.14.320-1.amzn2.x86_64",
            List.of(
                "kernel-4.14.305-1.amzn2.x86_64",
                "kernel-4.14.320-1.amzn2.x86_64",
                "kernel-livepatch-4.14.305-1-1.0-2.amzn2.x86_64"),
            Map.of("K-NEW", "MISSING", "LP-1", "INSTALLED")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernelCases")
  void kernelStates(String why, String uname, List<String> pkgs, Map<String, String> expected) {
    HostFindings h =
        Matcher.match(
            host(
                "2",
                uname,
                List.of("amzn2-core", "amzn2extra-livepatch"),
                pkgs.toArray(String[]::new)),
            AdvisoryIndex.of(KERNEL));
    expected.forEach(
        (id, state) ->
            assertThat(finding(h, id).state().name()).as(why + ": " + id).isEqualTo(state));
  }

  @Test
  void olderNonRunningKernelIsReportedAsSuchNotAsAnExposure() {
    HostFindings h =
        Matcher.match(
            host(
                "2",
                "4.14.320-1.amzn2.x86_64",
                List.of("amzn2-core"),
                "kernel-4.14.305-1.amzn2.x86_64",
                "kernel-4.14.320-1.amzn2.x86_64"),
            AdvisoryIndex.of(KERNEL));
    PackageEvidence p = finding(h, "K-MID").packages().get(0);
    assertThat(p.rule()).isEqualTo(DecisionRule.OLDER_KERNEL_NOT_RUNNING);
    assertThat(p.state()).isEqualTo(FindingState.INSTALLED);
    assertThat(p.compared().toString()).isEqualTo("kernel-4.14.320-1.amzn2.x86_64");
    assertThat(p.installed()).hasSize(2);
  }

  @Test
  void mitigatedCvesShowInTheCveView() {
    HostFindings h =
        Matcher.match(
            host(
                "2",
                "4.14.305-1.amzn2.x86_64",
                List.of("amzn2-core", "amzn2extra-livepatch"),
                "kernel-4.14.305-1.amzn2.x86_64",
                "kernel-livepatch-4.14.305-1-1.0-2.amzn2.x86_64"),
            AdvisoryIndex.of(KERNEL));
    Map<String, FindingState> view =
        CveView.of(h, CveEnrichment.NONE).stream()
            .collect(java.util.stream.Collectors.toMap(CveFinding::cve, CveFinding::state));
    assertThat(view)
        .containsEntry("CVE-2024-0003", FindingState.MITIGATED_BY_LIVEPATCH)
        .containsEntry("CVE-2024-0002", FindingState.MISSING)
        .containsEntry("CVE-2024-0001", FindingState.INSTALLED);
    assertThat(h.counts().mitigated()).as("a mitigated finding is counted as such").isEqualTo(1);
    assertThat(h.counts()).isEqualTo(FindingCounts.of(h.findings()));
  }

  @Test
  void loadedKpatchModuleNamingTheCveMitigatesIt() {
    Inventory base =
        host(
            "2",
            "4.14.305-1.amzn2.x86_64",
            List.of("amzn2-core"),
            "kernel-4.14.305-1.amzn2.x86_64");
    Inventory withModules =
        new Inventory(
            base.host(),
            base.os(),
            base.kernel(),
            base.packages(),
            base.repos(),
            List.of(
                "livepatch_CVE_2024_0002", "livepatch_cve_2024_0003", "livepatch_CVE-2024-0004"),
            null,
            "test");
    HostFindings h = Matcher.match(withModules, AdvisoryIndex.of(KERNEL));
    assertThat(finding(h, "K-MID").state()).isEqualTo(FindingState.MITIGATED_BY_LIVEPATCH);
    assertThat(finding(h, "K-NEW").state()).isEqualTo(FindingState.MITIGATED_BY_LIVEPATCH);
  }

  @Test
  void scopingKeepsOtherKernelStreamsOut() {
    Inventory inv = host("2", null, List.of("amzn2-core"), "kernel-4.14.305-1.amzn2.x86_64");
    AdvisoryIndex index =
        AdvisoryIndex.of(
            List.of(
                adv(
                    "K510",
                    "amzn2extra-kernel-5.10",
                    "2",
                    List.of("CVE-2024-0005"),
                    "kernel-5.10.200-1.amzn2.x86_64")));
    assertThat(Matcher.match(inv, index).findings()).as("left out by default").isEmpty();
    HostFindings h =
        new Matcher(index, new MatchOptions(MatchOptions.DEFAULTS.types(), true, true)).match(inv);
    Finding f = finding(h, "K510");
    assertThat(f.state()).isEqualTo(FindingState.NOT_APPLICABLE);
    assertThat(f.packages().get(0).rule()).isEqualTo(DecisionRule.REPO_NOT_ENABLED);
  }

  /**
   * Regression: AL2022 and AL2023 both publish their advisories as repo {@code amazonlinux}; the
   * index keyed repos by id only, so an AL2023 host scanned against a store holding both got the
   * AL2022 advisories too (a false alarm when AL2022 ships a newer build).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedRepoIds")
  void aRepoIdPublishedByTwoReleasesAppliesOnlyToHostsOfItsRelease(
      String why, String versionId, List<String> repos, List<String> expected) {
    AdvisoryIndex index =
        AdvisoryIndex.of(
            List.of(
                adv("ALAS2022-1", "amazonlinux", "2022", List.of(), "curl-8.9.0-1.amzn2022.x86_64"),
                adv(
                    "ALAS2023-1",
                    "amazonlinux",
                    "2023",
                    List.of(),
                    "curl-8.5.0-1.amzn2023.x86_64")));
    Inventory inv = host(versionId, null, repos, "curl-8.0.1-1.amzn2023.x86_64");
    assertThat(Matcher.match(inv, index).findings().stream().map(Finding::advisoryId).toList())
        .as(why)
        .isEqualTo(expected);
    FleetScanner shared = new FleetScanner(new Matcher(index, MatchOptions.DEFAULTS));
    assertThat(shared.scan(inv).findings().stream().map(Finding::advisoryId).toList())
        .as(why + " (fleet scanner)")
        .isEqualTo(expected);
  }

  /**
   * Asked for NOT_APPLICABLE findings, a host gets them for its own release's repos it does not
   * use, not for every other release's advisories (an AL1 kernel advisory says nothing about an AL2
   * host; reporting them made comply judge ~600 noise findings per host).
   */
  @Test
  void notApplicableIsReportedForTheHostsReleaseOnly() {
    AdvisoryIndex index =
        AdvisoryIndex.of(
            List.of(
                adv("ALAS-1", "amzn-updates", "2018.03", List.of(), "curl-8.0.0-1.amzn1.x86_64"),
                adv("PHP-1", "amzn2extra-php8.1", "2", List.of(), "curl-8.0.0-1.amzn2.x86_64")));
    HostFindings h =
        new Matcher(index, new MatchOptions(MatchOptions.DEFAULTS.types(), true, true))
            .match(host("2", null, List.of("amzn2-core"), "curl-7.79.1-1.amzn2.x86_64"));
    assertThat(h.findings().stream().map(f -> f.advisoryId() + " " + f.state()).toList())
        .containsExactly("PHP-1 NOT_APPLICABLE");
  }

  /**
   * Regression: {@code advisories import} names the feed of Amazon's {@code amzn2extra-unbound1.17}
   * folder after its updateinfo collection, {@code amzn2extra-unbound-1.17}; a host listing the
   * repo as yum does got none of its advisories from the store (a false "compliant").
   */
  @Test
  void hostRepoIdMatchesAFeedSpelledWithAnotherHyphen() {
    AdvisoryIndex index =
        AdvisoryIndex.of(
            List.of(
                adv(
                    "ALAS2UNBOUND1.17-2024-001",
                    "amzn2extra-unbound-1.17",
                    "2",
                    List.of("CVE-2024-1111"),
                    "unbound-1.17.1-2.amzn2.0.2.x86_64")));
    HostFindings h =
        Matcher.match(
            host(
                "2",
                null,
                List.of("amzn2-core", "amzn2extra-unbound1.17"),
                "unbound-1.17.1-1.amzn2.0.1.x86_64"),
            index);
    assertThat(finding(h, "ALAS2UNBOUND1.17-2024-001").state()).isEqualTo(FindingState.MISSING);
    assertThat(h.scope().reasons())
        .contains(
            "amzn2extra-unbound1.17: host repo id, advisories published as amzn2extra-unbound-1.17");
  }

  static Stream<Arguments> sharedRepoIds() {
    return Stream.of(
        Arguments.of(
            "AL2023 host, repo list", "2023", List.of("amazonlinux"), List.of("ALAS2023-1")),
        Arguments.of("AL2023 host, inferred", "2023", null, List.of("ALAS2023-1")),
        Arguments.of(
            "AL2022 host, repo list", "2022", List.of("amazonlinux"), List.of("ALAS2022-1")));
  }

  /**
   * Regression: a CentOS 7 host without a repo list was judged against every loaded Amazon Linux
   * repo (scope ALL), so Amazon advisories for same-named packages became false alarms.
   */
  @Test
  void hostOfAReleaseNoFeedPublishesForGetsNoAmazonAdvisories() {
    Inventory centos = host("7", null, null, "curl-7.29.0-1.el7.x86_64");
    RepoScope scope =
        new Matcher(AdvisoryIndex.of(AL2_TOPICS), MatchOptions.DEFAULTS).scope(centos);
    assertThat(scope.basis()).isEqualTo(RepoScope.Basis.INFERRED);
    assertThat(scope.repos()).isEmpty();
    assertThat(Matcher.match(centos, AdvisoryIndex.of(AL2_TOPICS)).findings())
        .as("amzn2-core's curl fix must not apply to an el7 curl")
        .isEmpty();
  }

  static final List<Advisory> AL2_TOPICS =
      List.of(
          adv("CORE-1", "amzn2-core", "2", List.of("CVE-2024-0010"), "curl-7.79.1-2.amzn2.x86_64"),
          adv(
              "DOCKER-1",
              "amzn2extra-docker",
              "2",
              List.of("CVE-2024-0011"),
              "docker-20.10.25-1.amzn2.x86_64"),
          adv(
              "PHP80-1",
              "amzn2extra-php8.0",
              "2",
              List.of("CVE-2024-0012"),
              "php-cli-8.0.30-1.amzn2.x86_64"),
          adv(
              "PHP81-1",
              "amzn2extra-php8.1",
              "2",
              List.of("CVE-2024-0013"),
              "php-cli-8.1.27-1.amzn2.x86_64"),
          adv(
              "K510-1",
              "amzn2extra-kernel-5.10",
              "2",
              List.of("CVE-2024-0014"),
              "kernel-5.10.210-1.amzn2.x86_64"),
          adv(
              "K515-1",
              "amzn2extra-kernel-5.15",
              "2",
              List.of("CVE-2024-0015"),
              "kernel-5.15.150-1.amzn2.x86_64"),
          adv(
              "LP-1",
              "amzn2extra-livepatch",
              "2",
              List.of("CVE-2024-0016"),
              "kernel-livepatch-5.10.200-1-1.0-3.amzn2.x86_64"),
          adv(
              "AL2023-1",
              "amazonlinux",
              "2023",
              List.of("CVE-2024-0020"),
              "curl-8.5.0-1.amzn2023.x86_64"),
          adv(
              "AL2023-LP",
              "kernel-livepatch",
              "2023",
              List.of("CVE-2024-0021"),
              "kernel-livepatch-6.1.50-1-1.0-2.amzn2023.x86_64"));

  static Stream<Arguments> inference() {
    return Stream.of(
        Arguments.of(
            "4.14 kernel: core only, no kernel topic",
            "2",
            List.of("kernel-4.14.300-1.amzn2.x86_64", "curl-7.79.1-1.amzn2.x86_64"),
            List.of("amzn2-core")),
        Arguments.of(
            "5.10 kernel + livepatch + docker: those topics",
            "2",
            List.of(
                "kernel-5.10.200-1.amzn2.x86_64",
                "kernel-livepatch-5.10.200-1-1.0-1.amzn2.x86_64",
                "docker-20.10.17-1.amzn2.x86_64"),
            List.of(
                "amzn2-core",
                "amzn2extra-docker",
                "amzn2extra-kernel-5.10",
                "amzn2extra-livepatch")),
        Arguments.of(
            "php-cli 8.1.x: the php8.1 topic, not 8.0 (same major.minor)",
            "2",
            List.of("php-cli-8.1.20-1.amzn2.x86_64"),
            List.of("amzn2-core", "amzn2extra-php8.1")),
        Arguments.of(
            "AL2023 with a livepatch package: the kernel-livepatch repo",
            "2023",
            List.of(
                "kernel-livepatch-6.1.50-1-1.0-1.amzn2023.x86_64", "curl-8.4.0-1.amzn2023.x86_64"),
            List.of("amazonlinux", "kernel-livepatch")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inference")
  void inferredScope(String why, String release, List<String> pkgs, List<String> repos) {
    RepoScope scope =
        new Matcher(AdvisoryIndex.of(AL2_TOPICS), MatchOptions.DEFAULTS)
            .scope(host(release, null, null, pkgs.toArray(String[]::new)));
    assertThat(scope.basis()).isEqualTo(RepoScope.Basis.INFERRED);
    assertThat(scope.repos()).as(why).containsExactlyInAnyOrderElementsOf(repos);
    assertThat(scope.reasons()).as(why).allMatch(r -> r.startsWith("inferred: "));
  }

  @Test
  void al2023HostSectionNamesMapToDataRepoIds() {
    Advisory data =
        adv(
            "A",
            "amazonlinux-2023",
            "2023",
            List.of("CVE-2024-0001"),
            "curl-8.5.0-1.amzn2023.x86_64");
    Advisory lp =
        adv(
            "B",
            "amazonlinux-2023-kernel-livepatch",
            "2023",
            List.of("CVE-2024-0002"),
            "kernel-livepatch-6.1.50-1-1.0-2.amzn2023.x86_64");
    HostFindings h =
        Matcher.match(
            host(
                "2023",
                null,
                List.of("amazonlinux", "kernel-livepatch"),
                "curl-8.4.0-1.amzn2023.x86_64",
                "kernel-livepatch-6.1.50-1-1.0-1.amzn2023.x86_64"),
            AdvisoryIndex.of(List.of(data, lp)));
    assertThat(finding(h, "A").state()).isEqualTo(FindingState.MISSING);
    assertThat(finding(h, "B").state()).isEqualTo(FindingState.MISSING);
    assertThat(h.scope().reasons()).anyMatch(r -> r.contains("published as amazonlinux-2023"));
  }

  @Test
  void securityOnlyByDefault() {
    Advisory bug =
        new Advisory(
            "BUG-1",
            new AdvisorySource("2", "amzn2-core"),
            AdvisoryType.BUGFIX,
            Severity.NONE,
            "",
            null,
            null,
            "",
            "",
            List.of(),
            List.of(),
            List.of(FixedPackage.of(Nevra.parse("curl-7.79.1-2.amzn2.x86_64"), null)),
            false,
            "");
    Inventory inv = host("2", null, List.of("amzn2-core"), "curl-7.79.1-1.amzn2.x86_64");
    assertThat(Matcher.match(inv, AdvisoryIndex.of(List.of(bug))).findings()).isEmpty();
    assertThat(
            new Matcher(
                    AdvisoryIndex.of(List.of(bug)),
                    new MatchOptions(java.util.EnumSet.allOf(AdvisoryType.class), true, true))
                .match(inv)
                .findings())
        .extracting(Finding::state)
        .containsExactly(FindingState.MISSING);
  }
}
