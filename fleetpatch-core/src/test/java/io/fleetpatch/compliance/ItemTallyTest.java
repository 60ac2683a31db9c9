package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.FindingList;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.rpm.Nevra;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Items judged through the matcher's numbering ({@link FindingList}, one array read per finding)
 * equal items judged finding by finding, and the tally counted while judging equals the items
 * counted afterwards.
 */
class ItemTallyTest {
  /** Advisories of every severity over three packages, issued on different days. */
  static final List<Advisory> ADVISORIES =
      List.of(
          adv("ALAS2-2024-001", Severity.CRITICAL, "2024-01-01", "openssl-1.0.2k-24.amzn2.x86_64"),
          adv("ALAS2-2024-002", Severity.IMPORTANT, "2024-02-01", "curl-8.3.0-1.amzn2.x86_64"),
          adv(
              "ALAS2-2024-003",
              Severity.MEDIUM,
              "2024-02-10",
              "curl-8.5.0-1.amzn2.x86_64",
              "libcurl-8.5.0-1.amzn2.x86_64"),
          adv("ALAS2-2024-004", Severity.LOW, "2023-06-01", "bash-4.2.46-34.amzn2.x86_64"),
          adv("ALAS2-2024-005", Severity.IMPORTANT, "2024-02-27", "bash-4.2.46-35.amzn2.x86_64"));

  static Advisory adv(String id, Severity s, String day, String... fixed) {
    Instant t = Instant.parse(day + "T00:00:00Z");
    return new Advisory(
        id,
        new AdvisorySource("2", "amzn2-core"),
        AdvisoryType.SECURITY,
        s,
        s.label().toLowerCase(),
        t,
        t,
        id,
        "",
        List.of("CVE-" + id.substring(6)),
        List.of(),
        java.util.Arrays.stream(fixed).map(f -> FixedPackage.of(Nevra.parse(f), null)).toList(),
        false,
        "");
  }

  static Inventory inventory(Host h, String... nevras) {
    return new Inventory(
        h,
        AL2,
        null,
        java.util.Arrays.stream(nevras).map(n -> InstalledPackage.of(Nevra.parse(n))).toList(),
        List.of("amzn2-core"),
        null,
        null,
        "test");
  }

  static Stream<Arguments> fleets() {
    return Stream.of(
        Arguments.of(
            "everything missing: items of every severity, some overdue",
            inventory(
                host("a"),
                "openssl-1.0.2k-20.amzn2.x86_64",
                "curl-8.0.0-1.amzn2.x86_64",
                "libcurl-8.0.0-1.amzn2.x86_64",
                "bash-4.2.46-30.amzn2.x86_64")),
        Arguments.of(
            "partly patched: INSTALLED and MISSING items of one package's advisories",
            inventory(
                host("b"),
                "openssl-1.0.2k-24.amzn2.x86_64",
                "curl-8.3.0-1.amzn2.x86_64",
                "bash-4.2.46-34.amzn2.x86_64")),
        Arguments.of(
            "a host in a patch group an exception waives: waived items, never overdue",
            inventory(
                host("c", "PatchGroup", "frozen"),
                "openssl-1.0.2k-20.amzn2.x86_64",
                "bash-4.2.46-30.amzn2.x86_64")),
        Arguments.of(
            "fully patched: compliant, nothing overdue",
            inventory(
                host("d"),
                "openssl-1.0.2k-24.amzn2.x86_64",
                "curl-8.5.0-1.amzn2.x86_64",
                "libcurl-8.5.0-1.amzn2.x86_64",
                "bash-4.2.46-35.amzn2.x86_64")));
  }

  static CompliancePolicy policy() {
    Waiver frozen =
        new Waiver(
            "EX-1",
            new Waiver.Everything(),
            new Waiver.Group("frozen"),
            "change freeze",
            "ciso@example.com",
            LocalDate.parse("2024-01-01"),
            LocalDate.parse("2025-01-01"),
            VexStatement.RISK_ACCEPTED);
    return allSecurity(List.of(frozen));
  }

  /** Every security advisory, no delay, on 2024-03-01, with these exceptions. */
  static CompliancePolicy allSecurity(List<Waiver> waivers) {
    return CompliancePolicy.of(
            PatchGroups.single(
                PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow()),
            LocalDate.parse("2024-03-01"))
        .withWaivers(waivers);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fleets")
  void numberedItemsEqualItemsJudgedOneByOne(String why, Inventory inv) {
    AdvisoryIndex index = AdvisoryIndex.of(ADVISORIES);
    HostFindings flat = new Matcher(index, MatchOptions.DEFAULTS).match(inv);
    assertThat(flat.findings()).isInstanceOf(FindingList.class);
    HostFindings plain =
        new HostFindings(
            flat.host(), flat.os(), flat.kernel(), flat.scope(), new ArrayList<>(flat.findings()));
    assertThat(plain.findings()).isNotInstanceOf(FindingList.class);

    HostCompliance numbered =
        new ComplianceEvaluator(policy(), index.advisories()).evaluate(inv, flat);
    HostCompliance oneByOne = new ComplianceEvaluator(policy()).evaluate(inv, plain);
    assertThat(numbered).as(why).isEqualTo(oneByOne);
    assertThat(numbered.items()).as(why + ": the fixture judges something").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fleets")
  void theTallyCountsTheItemsItCameWith(String why, Inventory inv) {
    AdvisoryIndex index = AdvisoryIndex.of(ADVISORIES);
    ComplianceEvaluator eval = new ComplianceEvaluator(policy(), index.advisories());
    Matcher m = new Matcher(index, MatchOptions.DEFAULTS);
    HostCompliance h = eval.evaluate(inv, m.match(inv));
    ItemTally t = h.tally();
    assertThat(t).as(why).isEqualTo(ItemTally.of(h.items()));
    for (Severity s : Severity.values()) {
      long n = h.items().stream().filter(i -> i.severity() == s).count();
      long late = h.items().stream().filter(i -> i.severity() == s && i.overdue()).count();
      boolean violating =
          h.items().stream()
              .anyMatch(i -> i.severity() == s && i.state().violates() && i.exception() == null);
      assertThat(t.items(s)).as(why + ": " + s).isEqualTo(n);
      assertThat(t.overdue(s)).as(why + ": overdue " + s).isEqualTo(late);
      assertThat(t.violating(s)).as(why + ": violating " + s).isEqualTo(violating);
      for (ComplianceState st : ComplianceState.values()) {
        assertThat(t.items(st, s))
            .as(why + ": " + st + "/" + s)
            .isEqualTo(
                h.items().stream().filter(i -> i.severity() == s && i.state() == st).count());
      }
    }
    assertThat(t.waived())
        .as(why)
        .isEqualTo(h.items().stream().filter(i -> i.exception() != null).count());
    assertThat(t.overdue()).isEqualTo(h.overdue().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fleets")
  void theFleetSummaryOfTalliesCountsEveryItem(String why, Inventory inv) {
    AdvisoryIndex index = AdvisoryIndex.of(ADVISORIES);
    HostCompliance h =
        new ComplianceEvaluator(policy(), index.advisories())
            .evaluate(inv, new Matcher(index, MatchOptions.DEFAULTS).match(inv));
    FleetSummary s = new FleetSummary.Builder().add(h).add(h).build();
    assertThat(s.waived())
        .as(why)
        .isEqualTo(2L * h.items().stream().filter(i -> i.exception() != null).count());
    for (Rollup r : s.bySeverity()) {
      Severity sev =
          java.util.Arrays.stream(Severity.values())
              .filter(v -> v.label().equals(r.key()))
              .findFirst()
              .orElseThrow();
      assertThat(r.hosts()).as(why + ": hosts with " + sev + " items").isEqualTo(2);
      assertThat(r.nonCompliant())
          .as(why + ": hosts violating at " + sev)
          .isEqualTo(h.tally().violating(sev) ? 2 : 0);
    }
    long items = 0;
    for (Map.Entry<ComplianceState, Long> e : s.byState().entrySet()) {
      items += e.getValue();
      assertThat(e.getValue())
          .as(why + ": " + e.getKey())
          .isEqualTo(2L * h.items().stream().filter(i -> i.state() == e.getKey()).count());
    }
    assertThat(items).as(why).isEqualTo(2L * h.items().size());
    assertThat(s.overdue()).as(why).isEqualTo(2L * h.overdue().size());
  }

  @org.junit.jupiter.api.Test
  void hostsWithExceptionsOfTheirOwnAreWaivedAlsoPastTheSharedTables() {
    // why: items are waived once per exception set while tables last (MAX_TABLES), then per
    // host; and exceptions numbered 64 and above cannot be in a set at all. Both paths must waive.
    int hosts = ComplianceEvaluator.MAX_TABLES + 10;
    List<Waiver> waivers = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      waivers.add(
          new Waiver(
              "EX-" + i,
              new Waiver.Everything(),
              new Waiver.HostId("h" + i),
              "accepted for this host",
              "ciso@example.com",
              LocalDate.parse("2024-01-01"),
              LocalDate.parse("2025-01-01"),
              VexStatement.RISK_ACCEPTED));
    }
    CompliancePolicy p = allSecurity(waivers);
    AdvisoryIndex index = AdvisoryIndex.of(ADVISORIES);
    Matcher m = new Matcher(index, MatchOptions.DEFAULTS);
    ComplianceEvaluator eval = new ComplianceEvaluator(p, index.advisories());
    for (int i = 0; i < hosts; i++) {
      Inventory inv =
          inventory(host("h" + i), "openssl-1.0.2k-20.amzn2.x86_64", "bash-4.2.46-30.amzn2.x86_64");
      HostCompliance h = eval.evaluate(inv, m.match(inv));
      assertThat(h.compliant()).as("host %d: its own exception waives everything", i).isTrue();
      String own = "EX-" + i;
      assertThat(h.items()).allMatch(item -> own.equals(item.exception()));
      assertThat(h.tally()).isEqualTo(ItemTally.of(h.items()));
      assertThat(h.tally().waived()).isEqualTo(h.items().size()).isPositive();
    }
    Inventory other = inventory(host("nobody"), "openssl-1.0.2k-20.amzn2.x86_64");
    assertThat(eval.evaluate(other, m.match(other)).compliant())
        .as("a host no exception names is not waived")
        .isFalse();
  }
}
