package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of advisories indexed for matching: per package name and arch, the fixed builds
 * sorted by rpm's EVR order, so that "which fixes are newer than this installed EVR" is one binary
 * search, done once per distinct (name, arch, EVR) and cached (DESIGN.md §8).
 *
 * <p>Advisories are numbered in (id, repo) order; a finding list sorted by that number is sorted by
 * advisory id.
 */
public final class AdvisoryIndex {
  /** One fixed package row: advisory number and the fixed NEVRA (arch null = any arch, OVAL). */
  record Row(int advisory, Nevra fixed) {}

  /**
   * Rows sorted by fixed EVR ascending, with a cache, per installed EVR, of how many rows have a
   * fixed EVR at or below it (one binary search per distinct EVR).
   */
  static class SortedRows {
    final Row[] rows;
    private final ConcurrentHashMap<Evr, Integer> splits = new ConcurrentHashMap<>();

    SortedRows(Row[] rows) {
      this.rows = rows;
    }

    /**
     * The number of rows whose fixed EVR is {@code <=} {@code installed} (rows[0..n) are fixed).
     */
    int fixedUpTo(Evr installed) {
      Integer cached = splits.get(installed);
      if (cached != null) {
        return cached;
      }
      int lo = 0;
      int hi = rows.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (rows[mid].fixed().evr().compareTo(installed) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (splits.size() < 100_000) {
        splits.put(installed, lo);
      }
      return lo;
    }
  }

  /**
   * The rows of one name, arch and repo. {@code evidence} holds evidence rows computed once per
   * distinct installed build (a {@link Nevra}) or per distinct set of other-arch builds (a {@code
   * List<Nevra>}), shared by every host that has it.
   */
  static final class RepoRows extends SortedRows {
    final int repo;
    final ConcurrentHashMap<Object, PackageEvidence[]> evidence = new ConcurrentHashMap<>();

    RepoRows(int repo, Row[] rows) {
      super(rows);
      this.repo = repo;
    }
  }

  /** The rows of one name and arch: all of them, and split by repo (sorted by repo number). */
  static final class ArchRows extends SortedRows {
    final String arch;
    final RepoRows[] parts;

    ArchRows(String arch, Row[] rows, RepoRows[] parts) {
      super(rows);
      this.arch = arch;
      this.parts = parts;
    }
  }

  /** The rows of one package name, by arch. */
  static final class NameRows {
    final String name;
    final Map<String, ArchRows> byArch;
    final ArchRows[] all;

    /** Position of the name in sorted order: rows collected by rank come out sorted by name. */
    int rank;

    final boolean installonly;
    final boolean runningKernel;
    final boolean kernelFamily;

    /** The feed numbers this name has rows in, sorted: a host's scope matters only there. */
    final int[] repos;

    /** Per arch, the numbers of the advisories with a row of that arch, sorted. */
    private final Map<String, int[]> advisoriesByArch;

    NameRows(String name, Map<String, ArchRows> byArch) {
      this.name = name;
      this.byArch = byArch;
      Map<String, int[]> adv = new HashMap<>();
      byArch.forEach(
          (arch, ar) ->
              adv.put(
                  arch,
                  Arrays.stream(ar.rows).mapToInt(Row::advisory).sorted().distinct().toArray()));
      this.advisoriesByArch = Map.copyOf(adv);
      this.repos =
          byArch.values().stream()
              .flatMap(ar -> Arrays.stream(ar.parts))
              .mapToInt(part -> part.repo)
              .distinct()
              .sorted()
              .toArray();
      this.installonly = KernelPackages.isInstallonly(name);
      this.runningKernel = KernelPackages.RUNNING.contains(name);
      this.kernelFamily = KernelPackages.isFamily(name);
      this.all =
          byArch.values().stream()
              .sorted(Comparator.comparing((ArchRows a) -> a.arch))
              .toArray(ArchRows[]::new);
    }

    /**
     * Per build, the advisory numbers with a row of this name for its arch, sorted (an empty array
     * for none): what {@link #hasRowForAnyArchOf} asks about.
     */
    int[][] advisoriesOfArches(List<Nevra> builds) {
      int[][] out = new int[builds.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = advisoriesByArch.getOrDefault(builds.get(i).arch().name(), NONE);
      }
      return out;
    }

    private static final int[] NONE = new int[0];

    /**
     * Whether advisory {@code a} has a row of this name for the arch of one of some builds, given
     * {@link #advisoriesOfArches} of them.
     */
    static boolean hasRowForAnyArchOf(int a, int[][] advisoriesOfArches) {
      for (int[] adv : advisoriesOfArches) {
        if (Arrays.binarySearch(adv, a) >= 0) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Advisory> advisories;

  /**
   * Per advisory number, its feed number: feeds are the distinct (repo, release) pairs, sorted,
   * because one repo id can be published by several releases (AL2022 and AL2023 both publish {@code
   * amazonlinux}); a host must only get its own release's advisories.
   */
  private final int[] repoOf;

  private final String[] feedRepo;
  private final String[] feedRelease;

  /** Whether the feed's repo id is also published by another release. */
  private final boolean[] feedShared;

  private final List<String> repos;
  private final Map<String, Integer> repoIds;
  private final Map<String, NameRows> byName;
  private final Map<String, Set<String>> namesByRepo;
  private final Map<String, String> releaseByRepo;

  private AdvisoryIndex(Collection<Advisory> input) {
    List<Advisory> sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparing(Advisory::id).thenComparing(a -> a.source().repo()));
    this.advisories = List.copyOf(sorted);
    Map<String, Integer> ids = new LinkedHashMap<>();
    TreeSet<String> repoNames = new TreeSet<>();
    TreeSet<List<String>> feedKeys =
        new TreeSet<>(
            Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    Map<String, String> releases = new HashMap<>();
    for (Advisory a : sorted) {
      repoNames.add(a.source().repo());
      feedKeys.add(List.of(a.source().repo(), a.source().release()));
      releases.putIfAbsent(a.source().repo(), a.source().release());
    }
    this.releaseByRepo = Map.copyOf(releases);
    List<String> repoList = new ArrayList<>(repoNames);
    for (int i = 0; i < repoList.size(); i++) {
      ids.put(repoList.get(i), i);
    }
    this.repos = List.copyOf(repoList);
    this.repoIds = Map.copyOf(ids);
    List<List<String>> feedList = new ArrayList<>(feedKeys);
    this.feedRepo = new String[feedList.size()];
    this.feedRelease = new String[feedList.size()];
    this.feedShared = new boolean[feedList.size()];
    Map<List<String>, Integer> feedIds = new HashMap<>();
    for (int f = 0; f < feedList.size(); f++) {
      feedRepo[f] = feedList.get(f).get(0);
      feedRelease[f] = feedList.get(f).get(1);
      feedIds.put(feedList.get(f), f);
    }
    for (int f = 0; f + 1 < feedRepo.length; f++) {
      if (feedRepo[f].equals(feedRepo[f + 1])) {
        feedShared[f] = true;
        feedShared[f + 1] = true;
      }
    }
    this.repoOf = new int[sorted.size()];
    Map<String, Map<String, List<Row>>> rows = new HashMap<>();
    Map<String, Set<String>> names = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      Advisory a = sorted.get(i);
      repoOf[i] = feedIds.get(List.of(a.source().repo(), a.source().release()));
      for (FixedPackage p : a.packages()) {
        String arch = p.arch() == null ? ANY_ARCH : p.arch();
        Nevra fixed =
            new Nevra(p.name(), p.fixed(), p.arch() == null ? Arch.NOARCH : Arch.parse(p.arch()));
        rows.computeIfAbsent(p.name(), k -> new HashMap<>())
            .computeIfAbsent(arch, k -> new ArrayList<>())
            .add(new Row(i, fixed));
        names.computeIfAbsent(a.source().repo(), k -> new TreeSet<>()).add(p.name());
      }
    }
    Map<String, NameRows> idx = new HashMap<>(rows.size() * 2);
    for (var e : rows.entrySet()) {
      Map<String, ArchRows> byArch = new HashMap<>();
      for (var ae : e.getValue().entrySet()) {
        Row[] r = ae.getValue().toArray(Row[]::new);
        // stable: equal EVRs keep advisory order
        Arrays.sort(r, (x, y) -> x.fixed().evr().compareTo(y.fixed().evr()));
        Map<Integer, List<Row>> perRepo = new TreeMap<>();
        for (Row row : r) {
          perRepo.computeIfAbsent(repoOf[row.advisory()], k -> new ArrayList<>()).add(row);
        }
        RepoRows[] parts =
            perRepo.entrySet().stream()
                .map(pe -> new RepoRows(pe.getKey(), pe.getValue().toArray(Row[]::new)))
                .toArray(RepoRows[]::new);
        byArch.put(ae.getKey(), new ArchRows(ae.getKey(), r, parts));
      }
      idx.put(e.getKey(), new NameRows(e.getKey(), Map.copyOf(byArch)));
    }
    List<String> sortedNames = new ArrayList<>(idx.keySet());
    sortedNames.sort(null);
    for (int i = 0; i < sortedNames.size(); i++) {
      idx.get(sortedNames.get(i)).rank = i;
    }
    this.byName = idx;
    Map<String, Set<String>> frozen = new HashMap<>();
    names.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    this.namesByRepo = Map.copyOf(frozen);
  }

  /** The arch key of rows that give no arch (OVAL without an arch test): they match every arch. */
  static final String ANY_ARCH = "*";

  public static AdvisoryIndex of(Collection<Advisory> advisories) {
    return new AdvisoryIndex(advisories);
  }

  /** Every advisory, sorted by id then repo; the position is the advisory's number. */
  public List<Advisory> advisories() {
    return advisories;
  }

  public int size() {
    return advisories.size();
  }

  /** How many package names the advisories ship (the range of {@code NameRows.rank}). */
  int names() {
    return byName.size();
  }

  /** The repo ids ({@code AdvisorySource.repo}) the advisories come from, sorted. */
  public List<String> repos() {
    return repos;
  }

  /** The release ({@code AdvisorySource.release}) of a repo's advisories, or null. */
  public String releaseOf(String repo) {
    return releaseByRepo.get(repo);
  }

  /** The package names the advisories of {@code repo} ship (empty for an unknown repo). */
  public Set<String> packageNames(String repo) {
    return namesByRepo.getOrDefault(repo, Set.of());
  }

  /** Whether some advisory of {@code repo} ships this exact EVR of this name. */
  public boolean ships(String repo, String name, Evr evr) {
    NameRows nr = byName.get(name);
    if (nr == null) {
      return false;
    }
    for (ArchRows ar : nr.byArch.values()) {
      for (Row r : ar.rows) {
        if (feedRepo[repoOf[r.advisory()]].equals(repo) && r.fixed().evr().sameAs(evr)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The advisories whose fixed package is exactly this build (name, arch, EVR by rpm's order),
   * sorted by issue date, earliest first (undated last).
   */
  public List<Advisory> shipping(Nevra build) {
    NameRows nr = byName.get(build.name());
    List<Advisory> out = new ArrayList<>();
    if (nr == null) {
      return out;
    }
    ArchRows ar = nr.byArch.get(build.arch().name());
    if (ar == null) {
      return out;
    }
    for (Row r : ar.rows) {
      if (r.fixed().evr().sameAs(build.evr())) {
        out.add(advisories.get(r.advisory()));
      }
    }
    out.sort(
        Comparator.comparing(Advisory::issued, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  /** Every advisory with a fixed package of this name (any arch, any version). */
  public List<Advisory> forName(String name) {
    NameRows nr = byName.get(name);
    List<Advisory> out = new ArrayList<>();
    if (nr != null) {
      for (ArchRows ar : nr.byArch.values()) {
        for (Row r : ar.rows) {
          out.add(advisories.get(r.advisory()));
        }
      }
    }
    return out;
  }

  /** Every fixed version shipped by {@code repo} for {@code name}. */
  public List<Evr> shippedVersions(String repo, String name) {
    NameRows nr = byName.get(name);
    List<Evr> out = new ArrayList<>();
    if (nr == null) {
      return out;
    }
    for (ArchRows ar : nr.byArch.values()) {
      for (Row r : ar.rows) {
        if (feedRepo[repoOf[r.advisory()]].equals(repo)) {
          out.add(r.fixed().evr());
        }
      }
    }
    return out;
  }

  /**
   * Whether a feed is of a host's release (null: unknown, then every feed is): the feeds whose
   * advisories can be about the host at all.
   */
  boolean feedOfRelease(int feed, String release) {
    return release == null || feedRelease[feed] == null || release.equals(feedRelease[feed]);
  }

  /** How many feeds (distinct repo and release pairs) the advisories come from. */
  int feeds() {
    return feedRepo.length;
  }

  /** The repo id of a feed. */
  String feedRepo(int feed) {
    return feedRepo[feed];
  }

  /**
   * Whether a feed's advisories may apply to a host of {@code release} (null: unknown): always,
   * unless another release publishes the same repo id and the feed is not the host's release.
   */
  boolean feedApplies(int feed, String release) {
    return !feedShared[feed] || release == null || release.equals(feedRelease[feed]);
  }

  /**
   * The loaded repo id that is {@code repo} but for hyphens ({@code amzn2extra-unbound-1.17} for
   * {@code amzn2extra-unbound1.17}), when exactly one is; else null.
   */
  String repoSpelledWithHyphens(String repo) {
    String found = null;
    String bare = repo.replace("-", "");
    for (String r : repos) {
      if (!r.equals(repo) && r.replace("-", "").equals(bare)) {
        if (found != null) {
          return null;
        }
        found = r;
      }
    }
    return found;
  }

  /** Repo number of a repo id, or -1. */
  int repoId(String repo) {
    Integer id = repoIds.get(repo);
    return id == null ? -1 : id;
  }

  NameRows rows(String name) {
    return byName.get(name);
  }
}
