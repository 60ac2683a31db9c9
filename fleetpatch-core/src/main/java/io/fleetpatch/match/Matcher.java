package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Nevra;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inventory × advisories → findings, with dnf's semantics (DESIGN.md §5). Pure and thread-safe: one
 * instance serves any number of hosts in parallel.
 *
 * <p>Per host: decide the repo scope ({@link RepoScoper}); for each installed package name the
 * advisories ship, take the rows that name contributes ({@link NameVerdict}: decided by dnf's rules
 * in {@link RowRules} once per distinct builds, scope over the name's repos and running kernel,
 * then shared through {@link VerdictCache}); merge the rows per advisory into findings, each
 * finding's state the most exposed of its rows, then live patches may mitigate kernel findings.
 */
public final class Matcher {
  private final AdvisoryIndex index;
  private final MatchOptions options;
  private final RepoScoper scoper;
  private final RowRules rules;

  public Matcher(AdvisoryIndex index, MatchOptions options) {
    this.index = Objects.requireNonNull(index, "index");
    this.options = Objects.requireNonNull(options, "options");
    this.scoper = new RepoScoper(index);
    this.verdicts = new VerdictCache(index.names(), MAX_VERDICTS);
    List<Advisory> all = index.advisories();
    boolean[] typeOk = new boolean[all.size()];
    for (int i = 0; i < typeOk.length; i++) {
      typeOk[i] = options.types().contains(all.get(i).type());
    }
    this.rules = new RowRules(options, typeOk);
  }

  /** Matches one host with the default options (dnf's {@code --security} view). */
  public static HostFindings match(Inventory inventory, AdvisoryIndex index) {
    return new Matcher(index, MatchOptions.DEFAULTS).match(inventory);
  }

  public AdvisoryIndex index() {
    return index;
  }

  /** The repo scope this matcher decides for a host (the evidence of every finding). */
  public RepoScope scope(Inventory inventory) {
    if (!options.scopeRepos()) {
      return new RepoScope(Set.of(), RepoScope.Basis.ALL, List.of("repo scoping off"));
    }
    if (inventory.repos() == null) {
      return scoper.scope(inventory);
    }
    // decided by the repo list alone: hosts share a few lists
    RepoScope cached = byRepoList.get(inventory.repos());
    if (cached == null) {
      cached = scoper.scope(inventory);
      if (byRepoList.size() < MAX_CACHED) {
        byRepoList.putIfAbsent(inventory.repos(), cached);
      }
    }
    return cached;
  }

  /**
   * Per feed number, what a host makes of it ({@link RowRules#IN_SCOPE}, {@link RowRules#REPORTED},
   * {@link RowRules#IGNORED}); {@code id} numbers the distinct patterns.
   */
  private record ScopeBits(byte[] feeds, int id) {}

  /**
   * What decides {@link ScopeBits}: the scope's repos ({@code null} for every repo) and the host's
   * release (null: unknown), which decides feeds sharing a repo id. Not the scope's reasons: they
   * name per-host packages.
   */
  private record ScopeKey(Set<String> repos, String release) {}

  private final ConcurrentHashMap<ScopeKey, ScopeBits> byScope = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> scopeIds = new ConcurrentHashMap<>();
  private final AtomicInteger nextScopeId = new AtomicInteger();
  private final ConcurrentHashMap<List<String>, RepoScope> byRepoList = new ConcurrentHashMap<>();

  private ScopeBits bits(RepoScope scope, String release) {
    ScopeKey key =
        new ScopeKey(scope.basis() == RepoScope.Basis.ALL ? null : scope.repos(), release);
    ScopeBits cached = byScope.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] feeds = new byte[index.feeds()];
    char[] pattern = new char[feeds.length];
    for (int f = 0; f < feeds.length; f++) {
      boolean ofRelease = index.feedOfRelease(f, release);
      feeds[f] =
          scope.includes(index.feedRepo(f)) && index.feedApplies(f, release)
              ? RowRules.IN_SCOPE
              : ofRelease ? RowRules.REPORTED : RowRules.IGNORED;
      pattern[f] = (char) ('0' + feeds[f]);
    }
    int id = scopeIds.computeIfAbsent(new String(pattern), k -> nextScopeId.getAndIncrement());
    ScopeBits made = new ScopeBits(feeds, id);
    if (byScope.size() < MAX_CACHED) {
      byScope.putIfAbsent(key, made);
    }
    return made;
  }

  public HostFindings match(Inventory inventory) {
    return match(inventory, scope(inventory));
  }

  /** A host whose repo scope is already decided ({@link #scope(Inventory)}). */
  public HostFindings match(Inventory inventory, RepoScope scope) {
    return evaluate(inventory, scope).of(inventory, scope);
  }

  /** What a host's packages, scope and kernel decide: findings, counted. */
  record Evaluated(List<Finding> findings, FindingCounts counts) {
    HostFindings of(Inventory inventory, RepoScope scope) {
      return new HostFindings(
          inventory.host(), inventory.os(), inventory.kernel(), scope, findings, counts);
    }
  }

  /** Like {@link #match(Inventory, RepoScope)}, without the host (for sharing). */
  Evaluated evaluate(Inventory inventory, RepoScope scope) {
    return evaluate(inventory, bits(scope, RepoScoper.release(inventory)));
  }

  private Evaluated evaluate(Inventory inventory, ScopeBits scope) {
    return evaluate(inventory.packages(), inventory.kernel(), inventory.livepatches(), scope);
  }

  /** Bound of the scope caches (distinct repo lists and scopes). */
  private static final int MAX_CACHED = 10_000;

  private final ThreadLocal<HostRows> scratch =
      ThreadLocal.withInitial(() -> new HostRows(index().size()));

  private Evaluated evaluate(
      List<InstalledPackage> packages,
      String unameR,
      List<String> loadedLivepatches,
      ScopeBits scope) {
    // installed packages that some advisory names, ordered by name rank (so that each finding's
    // rows come out sorted by name, then arch), grouped by name
    int n = 0;
    HostRows c = scratch.get();
    c.fit(packages.size());
    AdvisoryIndex.NameRows[] names = c.names;
    Nevra[] builds = c.builds;
    long[] order = c.order;
    KnownBuilds.Entry[] entries = c.entries;
    boolean livepatchInstalled = false;
    for (int i = 0; i < packages.size(); i++) {
      Nevra p = packages.get(i).nevra();
      KnownBuilds.Entry e = known.get(p);
      if (e == null) {
        e = known.add(p, index.rows(p.name()));
      }
      AdvisoryIndex.NameRows nr = e.rows;
      names[i] = nr;
      builds[i] = p;
      entries[i] = e;
      if (nr == null) {
        continue;
      }
      livepatchInstalled |= p.name().startsWith(KernelPackages.LIVEPATCH_PREFIX);
      order[n++] = ((long) nr.rank << 32) | i;
    }
    if (!ascending(order, n)) {
      Arrays.sort(order, 0, n);
    }
    try {
      for (int k = 0; k < n; ) {
        int first = (int) order[k];
        AdvisoryIndex.NameRows nr = names[first];
        int end = k + 1;
        while (end < n && names[(int) order[end]] == nr) {
          end++;
        }
        if (end == k + 1) {
          verdictOfOne(entries[first], builds[first], nr, unameR, scope).addTo(c);
        } else {
          Nevra[] several = new Nevra[end - k];
          for (int j = k; j < end; j++) {
            several[j - k] = builds[(int) order[j]];
          }
          verdict(List.of(several), nr, unameR, scope).addTo(c);
        }
        k = end;
      }
      Set<String> mitigated =
          livepatchInstalled || (loadedLivepatches != null && !loadedLivepatches.isEmpty())
              ? mitigatedCves(packages, unameR, loadedLivepatches)
              : Set.of();
      int[] byState = new int[FindingState.values().length];
      int[] missingRows = new int[1];
      FindingList out = c.findings(index.advisories(), mitigated, byState, missingRows);
      return new Evaluated(out, FindingCounts.of(byState, missingRows[0]));
    } finally {
      c.clear();
    }
  }

  /**
   * Whether the first {@code n} are in order: inventories list packages by name, the index ranks
   * names in the same order, so a host's packages usually are (the sort would still allocate).
   */
  private static boolean ascending(long[] order, int n) {
    for (int i = 1; i < n; i++) {
      if (order[i - 1] > order[i]) {
        return false;
      }
    }
    return true;
  }

  /** Bound of the verdict cache (each holds a name's rows for one combination). */
  private static final int MAX_VERDICTS = 500_000;

  private final VerdictCache verdicts;

  /** Build objects met, by identity: their name's rows and their verdicts. */
  private final KnownBuilds known = new KnownBuilds();

  /**
   * The rows of one installed name (the builds of a group: a {@link Nevra} or a {@code
   * List<Nevra>}): shared when this combination was seen before.
   */
  private NameVerdict verdict(
      Object builds, AdvisoryIndex.NameRows nr, String unameR, ScopeBits scope) {
    return verdict(builds, nr, unameR, scope, scopeKey(nr, scope), running(nr, unameR));
  }

  /**
   * The running kernel where it decides a name's rows (kernel names: isRunning, multipleBuilds).
   */
  private static String running(AdvisoryIndex.NameRows nr, String unameR) {
    return nr.runningKernel || nr.installonly ? unameR : null;
  }

  /**
   * The rows of a name installed in one build: first from what is known of that build object (no
   * hashing), else as {@link #verdict(Object, AdvisoryIndex.NameRows, String, ScopeBits)}, then
   * remembered there.
   */
  private NameVerdict verdictOfOne(
      KnownBuilds.Entry known,
      Nevra build,
      AdvisoryIndex.NameRows nr,
      String unameR,
      ScopeBits scope) {
    long key = scopeKey(nr, scope);
    String running = running(nr, unameR);
    for (NameVerdict v = known.verdicts; v != null; v = v.next) {
      if (v.decidedFor(key, running)) {
        return v;
      }
    }
    NameVerdict v = verdict(build, nr, unameR, scope, key, running);
    if (known.chained < KnownBuilds.MAX_CHAINED) {
      known.verdicts = v.chainedTo(known.verdicts);
      known.chained++;
    }
    return v;
  }

  private NameVerdict verdict(
      Object builds,
      AdvisoryIndex.NameRows nr,
      String unameR,
      ScopeBits scope,
      long key,
      String running) {
    NameVerdict v = verdicts.get(nr.rank, builds, key, running);
    if (v == null) {
      @SuppressWarnings("unchecked")
      List<Nevra> installed = builds instanceof Nevra one ? List.of(one) : (List<Nevra>) builds;
      v =
          verdicts.put(
              nr.rank, builds, rules.decide(installed, nr, unameR, scope.feeds(), key, running));
    }
    return v;
  }

  /**
   * The host's scope as far as one name is concerned: what it makes of each of the name's feeds, 2
   * bits each (hosts with different repo lists share the name's verdict when they agree on its
   * feeds); a name in more than 31 feeds uses the whole scope's number instead (negative).
   */
  private static long scopeKey(AdvisoryIndex.NameRows nr, ScopeBits scope) {
    int[] repos = nr.repos;
    if (repos.length > 31) {
      return -1L - scope.id();
    }
    byte[] feeds = scope.feeds();
    long mask = 0;
    for (int j = 0; j < repos.length; j++) {
      mask |= (long) feeds[repos[j]] << (2 * j);
    }
    return mask;
  }

  /**
   * CVEs fixed in the running kernel by live patches: the CVEs of every livepatch advisory whose
   * {@code kernel-livepatch-<running kernel>} package is installed at or above its fix, plus CVE
   * ids named by loaded kpatch modules ({@code livepatch_CVE_2019_20096}, AWS EC2 user guide
   * "kpatch list").
   */
  private Set<String> mitigatedCves(
      List<InstalledPackage> packages, String unameR, List<String> loaded) {
    Set<String> out = new HashSet<>();
    if (unameR != null) {
      for (InstalledPackage ip : packages) {
        Nevra lp = ip.nevra();
        if (!KernelPackages.livepatchTargets(lp.name(), unameR)) {
          continue;
        }
        AdvisoryIndex.NameRows nr = index.rows(lp.name());
        AdvisoryIndex.ArchRows ar = nr == null ? null : nr.byArch.get(lp.arch().name());
        if (ar == null) {
          continue;
        }
        int upTo = ar.fixedUpTo(lp.evr());
        for (int i = 0; i < upTo; i++) {
          out.addAll(index.advisories().get(ar.rows[i].advisory()).cves());
        }
      }
    }
    if (loaded != null) {
      for (String module : loaded) {
        java.util.regex.Matcher m = CVE_IN_MODULE.matcher(module);
        while (m.find()) {
          out.add("CVE-" + m.group(1) + "-" + m.group(2));
        }
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern CVE_IN_MODULE =
      java.util.regex.Pattern.compile("(?i)CVE[_-](\\d{4})[_-](\\d{4,})");

  /** Advisory types this matcher considers. */
  public Set<AdvisoryType> types() {
    return options.types();
  }
}
