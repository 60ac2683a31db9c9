package io.fleetpatch.match;

import static io.fleetpatch.match.MatcherTest.KERNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.BuildPool;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A matcher that knows build objects by identity ({@link KnownBuilds}) still answers per host: the
 * same build object on hosts with other running kernels and other repos gets each host's own
 * findings, equal to those of a fresh matcher on fresh objects.
 */
class KnownBuildsTest {
  /** Hosts as {why, running kernel, repos, packages}. */
  static final List<List<Object>> HOSTS =
      List.of(
          List.of(
              "runs the one installed kernel: the older fixes are INSTALLED",
              "4.14.320-1.amzn2.x86_64",
              List.of("amzn2-core"),
              List.of("kernel-4.14.320-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")),
          List.of(
              "same build objects, but still runs a removed older kernel: K-MID pending reboot",
              "4.14.305-1.amzn2.x86_64",
              List.of("amzn2-core"),
              List.of("kernel-4.14.320-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")),
          List.of(
              "same build objects, no repo enabled: nothing applies",
              "4.14.320-1.amzn2.x86_64",
              List.of(),
              List.of("kernel-4.14.320-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")),
          List.of(
              "a 5.10 kernel in its extras topic",
              "5.10.100-1.amzn2.x86_64",
              List.of("amzn2-core", "amzn2extra-kernel-5.10"),
              List.of("kernel-5.10.100-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")),
          List.of(
              "the same 5.10 build object without its topic enabled: K510 does not apply",
              "5.10.100-1.amzn2.x86_64",
              List.of("amzn2-core"),
              List.of("kernel-5.10.100-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")));

  @SuppressWarnings("unchecked")
  static Inventory inventory(List<Object> h, int i, BuildPool pool) {
    List<InstalledPackage> pkgs = new ArrayList<>();
    for (String n : (List<String>) h.get(3)) {
      Nevra nevra = Nevra.parse(n);
      pkgs.add(InstalledPackage.of(pool == null ? nevra : pool.share(nevra)));
    }
    return new Inventory(
        Host.of("h" + i),
        new OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2")),
        (String) h.get(1),
        pkgs,
        (List<String>) h.get(2),
        null,
        null,
        "test");
  }

  @Test
  void aSharedBuildObjectGetsEachHostsOwnAnswer() {
    AdvisoryIndex index = AdvisoryIndex.of(KERNEL);
    Matcher shared = new Matcher(index, MatchOptions.DEFAULTS);
    BuildPool pool = new BuildPool();
    // twice over, so that the second pass answers from what the first one learned
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < HOSTS.size(); i++) {
        List<Object> h = HOSTS.get(i);
        HostFindings got = shared.match(inventory(h, i, pool));
        HostFindings fresh =
            new Matcher(AdvisoryIndex.of(KERNEL), MatchOptions.DEFAULTS)
                .match(inventory(h, i, null));
        assertThat(List.copyOf(got.findings()))
            .as(pass + ": " + h.get(0))
            .isEqualTo(List.copyOf(fresh.findings()));
      }
    }
    assertThat(pool.size()).as("kernel 4.14.320, its headers, kernel 5.10").isEqualTo(3);
  }

  @Test
  void theFixturesDisagreeWhereTheWhySaysTheyDo() {
    // guards the test above: if the hosts all had the same answer it could not catch sharing
    AdvisoryIndex index = AdvisoryIndex.of(KERNEL);
    Matcher m = new Matcher(index, MatchOptions.DEFAULTS);
    BuildPool pool = new BuildPool();
    HostFindings running = m.match(inventory(HOSTS.get(0), 0, pool));
    HostFindings removed = m.match(inventory(HOSTS.get(1), 1, pool));
    HostFindings noRepos = m.match(inventory(HOSTS.get(2), 2, pool));
    HostFindings topic = m.match(inventory(HOSTS.get(3), 3, pool));
    HostFindings noTopic = m.match(inventory(HOSTS.get(4), 4, pool));
    assertThat(MatcherTest.finding(running, "K-MID").state()).isEqualTo(FindingState.INSTALLED);
    assertThat(MatcherTest.finding(removed, "K-MID").state())
        .isEqualTo(FindingState.INSTALLED_PENDING_REBOOT);
    assertThat(noRepos.findings()).isEmpty();
    assertThat(MatcherTest.finding(topic, "K510").state()).isEqualTo(FindingState.MISSING);
    assertThat(noTopic.findings()).extracting(Finding::advisoryId).doesNotContain("K510");
  }
}
