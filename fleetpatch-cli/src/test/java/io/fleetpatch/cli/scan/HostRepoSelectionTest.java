package io.fleetpatch.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan that reads only the store's repos its hosts can use finds exactly what a scan against the
 * whole store finds: every finding in every state, with its evidence and scope, on real hosts of
 * AL2 and AL2023 (fleetgen hosts with extras topics and live patches, the project's examples), each
 * as collected and with its repo list removed (so that the repos are inferred).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostRepoSelectionTest {
  static final Path WORK = Path.of("target", "oracle-work", "fleets");

  Database db;
  AdvisoryRepository repo;
  List<Advisory> all;
  final List<Inventory> hosts = new ArrayList<>();

  @BeforeAll
  void importTheWholeDataSetAndCollectHosts(@TempDir Path dir) throws Exception {
    List<Inventory> real = new ArrayList<>();
    // fleetgen: host i of a seed is the same whatever --hosts says (shared/oracle README §13)
    real.addAll(fleet("al2-all-s12", "--seed", "12", "--release", "al2", "--all-repos"));
    real.addAll(fleet("al2023-all-s14", "--seed", "14", "--release", "al2023", "--all-repos"));
    try (Stream<Path> s = Files.list(Path.of("..", "examples", "hosts"))) {
      for (Path f : s.sorted().toList()) {
        real.add(InventoryJson.read(f));
      }
    }
    for (Inventory inv : real) {
      hosts.add(inv);
      hosts.add(withRepos(inv, null));
    }
    db = Database.open(DatabaseTarget.sqlite(dir.resolve("store.db")));
    repo = db.advisories();
    List<Path> feeds;
    try (Stream<Path> s = Files.list(SharedData.data("amazon/updateinfo"))) {
      feeds = s.sorted().toList();
    }
    for (Path d : feeds) {
      String id = d.getFileName().toString();
      Path file = d.resolve("updateinfo.xml.gz");
      repo.importAdvisories(
          new FeedImport(FeedKind.UPDATEINFO, id, file.toString(), "sha256:" + id, null),
          new UpdateinfoParser().read(file, id).advisories());
    }
    all = repo.list(AdvisoryQuery.all());
    assertThat(all).hasSize(5_393);
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static Inventory withRepos(Inventory inv, List<String> repos) {
    return new Inventory(
        inv.host(),
        inv.os(),
        inv.kernel(),
        inv.packages(),
        repos,
        inv.livepatches(),
        inv.collectedAt(),
        inv.source());
  }

  /** The first 4 hosts of a fleetgen fleet, generated once into target/oracle-work. */
  private static List<Inventory> fleet(String name, String... args) throws Exception {
    Path out = WORK.resolve(name + "-h4");
    if (!Files.exists(out.resolve("fleet.json"))) {
      Path fleetgen = SharedData.oracle("bin/fleetgen");
      Tools.require(fleetgen.toString(), "dnf", "rpm");
      List<String> cmd = new ArrayList<>(List.of(fleetgen.toString()));
      cmd.addAll(List.of(args));
      cmd.addAll(
          List.of(
              "--hosts",
              "4",
              "--jobs",
              "2",
              "--quiet",
              "--work",
              WORK.resolve("work").toString(),
              "--out",
              out.toString()));
      Files.createDirectories(WORK);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException("fleetgen failed:\n" + log);
      }
    }
    List<Inventory> hosts = new ArrayList<>();
    try (Stream<Path> s = Files.list(out.resolve("hosts"))) {
      for (Path f : s.filter(f -> f.toString().endsWith(".inventory.json")).sorted().toList()) {
        hosts.add(InventoryJson.read(f));
      }
    }
    return hosts;
  }

  /** What a scan of these hosts reads: the selection, or the whole store when it is empty. */
  private List<Advisory> read(List<Inventory> scanned, MatchOptions options) {
    List<Advisory> selected =
        HostRepoSelection.of(scanned, options).map(repo::list).orElse(List.of());
    return selected.isEmpty() ? all : selected;
  }

  @Test
  void eachHostAloneFindsExactlyWhatTheWholeStoreFinds() {
    assertThat(hosts).hasSize(2 * (4 + 4 + 4));
    Matcher whole = new Matcher(AdvisoryIndex.of(all), MatchOptions.DEFAULTS);
    for (Inventory inv : hosts) {
      List<Advisory> read = read(List.of(inv), MatchOptions.DEFAULTS);
      String what = inv.host().id() + (inv.repos() == null ? " (repos inferred)" : "");
      assertThat(new Matcher(AdvisoryIndex.of(read), MatchOptions.DEFAULTS).match(inv))
          .as(what)
          .isEqualTo(whole.match(inv));
      assertThat(read.size()).as(what + ": reads less than the whole store").isLessThan(5_393);
    }
  }

  @Test
  void aMixedFleetReadsTheUnionAndFindsTheSameForEveryAdvisoryType() {
    for (MatchOptions options :
        List.of(
            MatchOptions.DEFAULTS,
            new MatchOptions(EnumSet.allOf(AdvisoryType.class), true, false))) {
      Matcher whole = new Matcher(AdvisoryIndex.of(all), options);
      Matcher part = new Matcher(AdvisoryIndex.of(read(hosts, options)), options);
      for (Inventory inv : hosts) {
        assertThat(part.match(inv)).as(inv.host().id()).isEqualTo(whole.match(inv));
      }
    }
  }

  @Test
  void eachReleaseReadsItsWholeRepos() {
    Inventory al2023 = first("2023");
    Inventory al2 = first("2");
    // shared/data README: amazonlinux is published by 2022 (277) and 2023 (816); the matcher's
    // index keys repos by id, so an AL2023 scan reads both, exactly as the whole store has them
    assertThat(read(List.of(al2023), MatchOptions.DEFAULTS))
        .as("amazonlinux (2022 and 2023) and kernel-livepatch")
        .hasSize(277 + 816 + 38);
    assertThat(read(List.of(al2), MatchOptions.DEFAULTS))
        .as("amzn2-core and the 41 extras topics")
        .hasSize(1_618 + 833);
  }

  private Inventory first(String versionId) {
    return hosts.stream()
        .filter(h -> h.os().versionId().equals(versionId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theWholeStoreWhenOtherReposShowOrScopingIsOffOrTheReleaseIsUnknown() {
    List<Inventory> one = List.of(hosts.get(0));
    assertThat(HostRepoSelection.of(one, MatchOptions.DEFAULTS)).isPresent();
    // --all-states reports every installed package's out-of-scope advisories as NOT_APPLICABLE
    assertThat(
            HostRepoSelection.of(one, new MatchOptions(MatchOptions.DEFAULTS.types(), true, true)))
        .isEmpty();
    // --no-scope applies every repo to every host
    assertThat(
            HostRepoSelection.of(
                one, new MatchOptions(MatchOptions.DEFAULTS.types(), false, false)))
        .isEmpty();
    Inventory h = hosts.get(1);
    Inventory noVersion =
        new Inventory(
            h.host(),
            new OsRelease(Map.of("ID", "amzn")),
            h.kernel(),
            h.packages(),
            null,
            h.livepatches(),
            h.collectedAt(),
            h.source());
    assertThat(HostRepoSelection.of(List.of(noVersion), MatchOptions.DEFAULTS))
        .as("no VERSION_ID: the release comes from dist tags, or every repo applies")
        .isEmpty();
    assertThat(HostRepoSelection.of(List.of(), MatchOptions.DEFAULTS)).isEmpty();
  }
}
