package io.fleetpatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.Inventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection against real dnf on fleets generated from real Amazon data (shared/oracle README §13):
 * for every host, the (advisory, fixed NEVRA) rows fleetpatch marks MISSING are exactly the lines
 * of dnf's {@code updateinfo list --security} for the host's enabled repos, and its INSTALLED /
 * INSTALLED_PENDING_REBOOT rows those of {@code --installed}. 200 hosts: AL2 core (seed 11), AL2
 * with all extras topics (seeds 12, 13) and AL2023 with kernel-livepatch (seed 14).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetOracleTest {
  static final Path WORK = Path.of("target", "oracle-work", "fleets").toAbsolutePath();

  record Fleet(String name, Path dir, String release) {}

  final List<Fleet> fleets = new ArrayList<>();
  Matcher al2;
  Matcher al2023;

  @BeforeAll
  void generate() throws Exception {
    fleets.add(
        new Fleet(
            "al2-core-s11",
            FleetFixtures.fleet(
                WORK.resolve("al2-core-s11"), "--seed", "11", "--hosts", "50", "--release", "al2"),
            "al2"));
    for (String seed : List.of("12", "13")) {
      fleets.add(
          new Fleet(
              "al2-all-s" + seed,
              FleetFixtures.fleet(
                  WORK.resolve("al2-all-s" + seed),
                  "--seed",
                  seed,
                  "--hosts",
                  "50",
                  "--release",
                  "al2",
                  "--all-repos"),
              "al2"));
    }
    fleets.add(
        new Fleet(
            "al2023-all-s14",
            FleetFixtures.fleet(
                WORK.resolve("al2023-all-s14"),
                "--seed",
                "14",
                "--hosts",
                "50",
                "--release",
                "al2023",
                "--all-repos"),
            "al2023"));
    al2 =
        new Matcher(
            AdvisoryIndex.of(FeedFixtures.load(FeedFixtures.repos("amzn2"))),
            MatchOptions.DEFAULTS);
    al2023 =
        new Matcher(
            AdvisoryIndex.of(FeedFixtures.load(FeedFixtures.repos("amazonlinux-2023"))),
            MatchOptions.DEFAULTS);
  }

  Stream<Arguments> hosts() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Fleet f : fleets) {
      for (String h : FleetFixtures.hosts(f.dir())) {
        out.add(Arguments.of(f.name(), h));
      }
    }
    return out.stream();
  }

  Fleet fleet(String name) {
    return fleets.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static Set<String> rows(HostFindings h, Set<FindingState> states) {
    Set<String> out = new TreeSet<>();
    for (Finding f : h.findings()) {
      for (PackageEvidence p : f.packages()) {
        if (states.contains(p.state())) {
          out.add(f.advisoryId() + " " + OracleFormats.dnfNevra(p.fixed()));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hosts")
  void missingEqualsDnfAvailableAndInstalledEqualsDnfInstalled(String fleetName, String host)
      throws Exception {
    Fleet f = fleet(fleetName);
    Inventory inv = FleetFixtures.inventory(f.dir(), host);
    HostFindings found = (f.release().equals("al2") ? al2 : al2023).match(inv);
    assertThat(rows(found, Set.of(FindingState.MISSING)))
        .as("%s: MISSING vs dnf updateinfo list --security", host)
        .containsExactlyElementsOf(new TreeSet<>(FleetFixtures.expected(f.dir(), host, "")));
    assertThat(rows(found, Set.of(FindingState.INSTALLED, FindingState.INSTALLED_PENDING_REBOOT)))
        .as("%s: INSTALLED vs dnf --installed", host)
        .containsExactlyElementsOf(
            new TreeSet<>(FleetFixtures.expected(f.dir(), host, ".installed")));
  }

  /**
   * Repo inference (no repo list in the inventory): the same hosts with {@code repos} removed must
   * mostly still agree with dnf. Prints the figure; a host disagrees when the inference misses or
   * adds a repo (e.g. a topic package at a build the topic never shipped in an advisory).
   */
  @Test
  void inferredReposAgreeWithDnfOnMostHosts() throws Exception {
    int hosts = 0;
    int same = 0;
    List<String> differ = new ArrayList<>();
    for (Fleet f : fleets) {
      for (String h : FleetFixtures.hosts(f.dir())) {
        Inventory inv = FleetFixtures.inventory(f.dir(), h);
        Inventory noRepos =
            new Inventory(
                inv.host(),
                inv.os(),
                inv.kernel(),
                inv.packages(),
                null,
                inv.livepatches(),
                inv.collectedAt(),
                inv.source());
        HostFindings found = (f.release().equals("al2") ? al2 : al2023).match(noRepos);
        hosts++;
        if (rows(found, Set.of(FindingState.MISSING))
            .equals(new TreeSet<>(FleetFixtures.expected(f.dir(), h, "")))) {
          same++;
        } else {
          differ.add(
              f.name() + "/" + h + " inferred " + found.scope().repos() + " vs " + inv.repos());
        }
      }
    }
    System.out.printf("repo inference: %d/%d hosts identical to dnf%n", same, hosts);
    differ.stream().limit(10).forEach(System.out::println);
    assertThat(same)
        .as("hosts identical with inferred repos")
        .isGreaterThanOrEqualTo(hosts * 85 / 100);
  }

  @Test
  void fleetsCoverAtLeast200HostsAndTheTrickyShapes() throws Exception {
    int hosts = 0;
    for (Fleet f : fleets) {
      hosts += FleetFixtures.hosts(f.dir()).size();
    }
    assertThat(hosts).isGreaterThanOrEqualTo(200);
  }
}
