package io.fleetpatch.match;

import static io.fleetpatch.match.MatcherTest.adv;
import static io.fleetpatch.match.MatcherTest.finding;
import static io.fleetpatch.match.MatcherTest.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sharing across a fleet (DESIGN.md §8): what hosts share (shapes, per-name verdicts) must never
 * change any host's answer.
 */
class FleetScannerTest {
  private static final AdvisoryIndex INDEX =
      AdvisoryIndex.of(
          List.of(
              adv(
                  "CORE-1",
                  "amzn2-core",
                  "2",
                  List.of("CVE-2024-0001"),
                  "openssl-1.0.2k-30.amzn2.x86_64",
                  "openssl-1.0.2k-30.amzn2.aarch64",
                  "openssl-libs-1.0.2k-30.amzn2.x86_64"),
              adv(
                  "PHP-1",
                  "amzn2extra-php8.1",
                  "2",
                  List.of("CVE-2024-0002"),
                  "php-8.1.20-1.amzn2.x86_64"),
              adv(
                  "ARM-1",
                  "amzn2-core",
                  "2",
                  List.of("CVE-2024-0003"),
                  "curl-7.88.1-1.amzn2.aarch64")));

  /** Every host's findings through one shared scanner equal those of a fresh matcher. */
  private static void assertSameAsAlone(FleetScanner scanner, List<Inventory> hosts) {
    for (Inventory h : hosts) {
      HostFindings shared = scanner.scan(h);
      assertThat(shared.findings()).as(h.host().id()).isEqualTo(Matcher.match(h, INDEX).findings());
      assertThat(shared.counts())
          .as("counted while deciding = counted afterwards")
          .isEqualTo(FindingCounts.of(shared.findings()));
    }
  }

  static Stream<Arguments> scopes() {
    return Stream.of(
        Arguments.of(
            "php topic enabled: its advisory applies",
            List.of("amzn2-core", "amzn2extra-php8.1"),
            true),
        Arguments.of(
            "php installed from elsewhere: the topic's advisory does not",
            List.of("amzn2-core"),
            false));
  }

  /**
   * Regression guard for the per-name verdict cache: two hosts with the same php build but
   * different repo lists must not share php's verdict, whichever is scanned first.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void perNameVerdictsAreSharedOnlyWithinTheSameScopeOverThatName(
      String why, List<String> repos, boolean applies) {
    Matcher matcher = new Matcher(INDEX, MatchOptions.DEFAULTS);
    Inventory other =
        host(
            "2",
            null,
            applies ? List.of("amzn2-core") : List.of("amzn2-core", "amzn2extra-php8.1"),
            "php-8.1.10-1.amzn2.x86_64");
    matcher.match(other);
    HostFindings h = matcher.match(host("2", null, repos, "php-8.1.10-1.amzn2.x86_64"));
    assertThat(h.findings().stream().anyMatch(f -> f.advisoryId().equals("PHP-1")))
        .as(why)
        .isEqualTo(applies);
  }

  @Test
  void identicalHostsAreEvaluatedOnce() {
    FleetScanner scanner = new FleetScanner(new Matcher(INDEX, MatchOptions.DEFAULTS));
    List<Inventory> hosts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      hosts.add(
          host(
              "2",
              null,
              List.of("amzn2-core"),
              "openssl-1.0.2k-20.amzn2.x86_64",
              "openssl-libs-1.0.2k-20.amzn2.x86_64"));
    }
    assertSameAsAlone(scanner, hosts);
    assertThat(scanner.hostsScanned()).isEqualTo(50);
    assertThat(scanner.shapesEvaluated()).isEqualTo(1);
  }

  /**
   * A stream of all-different hosts stops paying for shape lookups; clones arriving later share
   * again (only every {@link FleetScanner#SAMPLE}th host is looked up meanwhile).
   */
  @Test
  void sharingResumesWhenClonesFollowUniqueHosts() {
    FleetScanner scanner = new FleetScanner(new Matcher(INDEX, MatchOptions.DEFAULTS), 100_000);
    List<Inventory> unique = new ArrayList<>();
    for (int i = 0; i < 2 * FleetScanner.PROBE; i++) {
      unique.add(
          host("2", null, List.of("amzn2-core"), "openssl-1.0.2k-" + (i + 1) + ".amzn2.x86_64"));
    }
    assertSameAsAlone(scanner, unique);
    assertThat(scanner.shapesEvaluated()).isEqualTo(unique.size());
    List<Inventory> clones = new ArrayList<>();
    for (int i = 0; i < 20 * FleetScanner.PROBE; i++) {
      clones.add(host("2", null, List.of("amzn2-core"), "openssl-1.0.2k-20.amzn2.x86_64"));
    }
    assertSameAsAlone(scanner, clones);
    assertThat(scanner.shapesEvaluated() - unique.size())
        .as("most clones shared one evaluation")
        .isLessThan(clones.size() / 2);
  }

  static Stream<Arguments> archRows() {
    return Stream.of(
        Arguments.of(
            "the aarch64 row beside the compared x86_64 row decides nothing: left out",
            "openssl-1.0.2k-20.amzn2.x86_64",
            "CORE-1",
            FindingState.MISSING,
            List.of("openssl.x86_64")),
        Arguments.of(
            "only another arch's row: kept, it is the reason for NOT_APPLICABLE",
            "curl-7.79.1-1.amzn2.x86_64",
            "ARM-1",
            FindingState.NOT_APPLICABLE,
            List.of("curl.aarch64")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archRows")
  void rowsOfArchesNotInstalledAreEvidenceOnlyWhenNothingElseDecides(
      String why, String installed, String advisory, FindingState state, List<String> rows) {
    Finding f =
        finding(Matcher.match(host("2", null, List.of("amzn2-core"), installed), INDEX), advisory);
    assertThat(f.state()).as(why).isEqualTo(state);
    assertThat(f.packages().stream().map(p -> p.name() + "." + p.arch()).toList())
        .as(why)
        .isEqualTo(rows);
  }
}
