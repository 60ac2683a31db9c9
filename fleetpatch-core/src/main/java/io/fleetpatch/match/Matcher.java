package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Inventory × advisories → findings, with dnf's semantics (DESIGN.md §5). Pure and thread-safe: one
 * instance serves any number of hosts in parallel.
 *
 * <p>A package row of an advisory is MISSING exactly when dnf 4.14 {@code updateinfo list
 * --security} (the default {@code --available}) lists it: same name AND arch installed (oracle
 * README gotcha 6), and the fixed EVR newer than the newest installed build of that name.arch
 * ({@code dnf/cli/commands/updateinfo.py}, installed {@code .latest()}; for installonly kernels the
 * newest kernel, gotcha 7), by rpm's EVR order ({@link io.fleetpatch.rpm.RpmVersions}).
 */
public final class Matcher {
  private final AdvisoryIndex index;
  private final MatchOptions options;
  private final RepoScoper scoper;
  private final boolean[] typeOk;

  public Matcher(AdvisoryIndex index, MatchOptions options) {
    this.index = Objects.requireNonNull(index, "index");
    this.options = Objects.requireNonNull(options, "options");
    this.scoper = new RepoScoper(index);
    List<Advisory> all = index.advisories();
    this.typeOk = new boolean[all.size()];
    for (int i = 0; i < typeOk.length; i++) {
      typeOk[i] = options.types().contains(all.get(i).type());
    }
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
    return options.scopeRepos()
        ? scoper.scope(inventory)
        : new RepoScope(Set.of(), RepoScope.Basis.ALL, List.of("repo scoping off"));
  }

  public HostFindings match(Inventory inventory) {
    RepoScope scope = scope(inventory);
    return new HostFindings(
        inventory.host(), inventory.os(), inventory.kernel(), scope, findings(inventory, scope));
  }

  /** The findings of a host whose repo scope is already decided ({@link #scope(Inventory)}). */
  public List<Finding> findings(Inventory inventory, RepoScope scope) {
    boolean[] inScope = new boolean[index.repos().size()];
    for (int i = 0; i < inScope.length; i++) {
      inScope[i] = scope.includes(index.repos().get(i));
    }
    List<Nevra> packages = new ArrayList<>(inventory.packages().size());
    for (InstalledPackage p : inventory.packages()) {
      packages.add(p.nevra());
    }
    return evaluate(packages, inventory.kernel(), inventory.livepatches(), inScope);
  }

  /** Bound of each per-build evidence cache (entries per name.arch). */
  private static final int EVIDENCE_CACHE = 4096;

  private static final java.util.Comparator<PackageEvidence> ROW_ORDER =
      (x, y) -> {
        int c = x.fixed().name().compareTo(y.fixed().name());
        return c != 0 ? c : x.fixed().arch().name().compareTo(y.fixed().arch().name());
      };

  /** Per thread scratch: the package rows collected per advisory number, reused host to host. */
  private static final class Scratch {
    final PackageEvidence[][] slots;
    final int[] sizes;
    final int[] touched;
    int count;

    Scratch(int advisories) {
      slots = new PackageEvidence[advisories][];
      sizes = new int[advisories];
      touched = new int[advisories];
    }

    void add(int advisory, PackageEvidence ev) {
      int n = sizes[advisory];
      if (n == 0) {
        touched[count++] = advisory;
        if (slots[advisory] == null) {
          slots[advisory] = new PackageEvidence[4];
        }
      } else if (n == slots[advisory].length) {
        slots[advisory] = Arrays.copyOf(slots[advisory], n * 2);
      }
      slots[advisory][n] = ev;
      sizes[advisory] = n + 1;
    }

    /** The rows of one advisory, by fixed package name then arch (a stable order). */
    List<PackageEvidence> rows(int advisory) {
      PackageEvidence[] a = slots[advisory];
      int n = sizes[advisory];
      if (n == 1) {
        return List.of(a[0]);
      }
      PackageEvidence[] copy = Arrays.copyOf(a, n);
      Arrays.sort(copy, ROW_ORDER);
      return List.of(copy);
    }

    void clear() {
      for (int i = 0; i < count; i++) {
        int a = touched[i];
        Arrays.fill(slots[a], 0, sizes[a], null);
        sizes[a] = 0;
      }
      count = 0;
    }
  }

  private final ThreadLocal<Scratch> scratch =
      ThreadLocal.withInitial(() -> new Scratch(index().size()));

  List<Finding> evaluate(
      List<Nevra> packages, String unameR, List<String> loadedLivepatches, boolean[] inScope) {
    Map<String, List<Nevra>> byName = new HashMap<>(packages.size());
    boolean livepatchInstalled = false;
    for (Nevra n : packages) {
      if (index.rows(n.name()) == null) {
        continue;
      }
      livepatchInstalled |= n.name().startsWith(KernelPackages.LIVEPATCH_PREFIX);
      List<Nevra> prev = byName.putIfAbsent(n.name(), List.of(n));
      if (prev != null) {
        List<Nevra> more = new ArrayList<>(prev);
        more.add(n);
        byName.put(n.name(), more);
      }
    }
    Scratch c = scratch.get();
    try {
      for (var e : byName.entrySet()) {
        collect(e.getKey(), List.copyOf(e.getValue()), index.rows(e.getKey()), unameR, inScope, c);
      }
      Set<String> mitigated =
          livepatchInstalled || (loadedLivepatches != null && !loadedLivepatches.isEmpty())
              ? mitigatedCves(byName, unameR, loadedLivepatches)
              : Set.of();
      int[] advs = Arrays.copyOf(c.touched, c.count);
      Arrays.sort(advs);
      List<Finding> out = new ArrayList<>(advs.length);
      for (int a : advs) {
        out.add(finding(index.advisories().get(a), c.rows(a), mitigated));
      }
      return out;
    } finally {
      c.clear();
    }
  }

  private void collect(
      String name,
      List<Nevra> installedAllArches,
      AdvisoryIndex.NameRows nr,
      String unameR,
      boolean[] inScope,
      Scratch c) {
    boolean installonly = KernelPackages.isInstallonly(name);
    for (AdvisoryIndex.ArchRows ar : nr.all) {
      List<Nevra> inst = installedAllArches;
      if (!ar.arch.equals(AdvisoryIndex.ANY_ARCH)) {
        int same = 0;
        for (Nevra n : installedAllArches) {
          if (n.arch().name().equals(ar.arch)) {
            same++;
          }
        }
        if (same != installedAllArches.size()) {
          String arch = ar.arch;
          List<Nevra> f = new ArrayList<>(same);
          for (Nevra n : installedAllArches) {
            if (n.arch().name().equals(arch)) {
              f.add(n);
            }
          }
          inst = List.copyOf(f);
        }
      }
      AdvisoryIndex.Row[] rows = ar.rows;
      if (inst.isEmpty()) {
        // gotcha 6: the name is installed, but only with other arches
        PackageEvidence[] ev =
            cached(ar, installedAllArches, () -> mismatchRows(rows, installedAllArches));
        addRows(rows, ev, installedAllArches, null, inScope, c);
        continue;
      }
      if (inst.size() == 1 && !runsAnotherBuild(name, inst.get(0), unameR)) {
        // one build of this name.arch: its rows are the same on every host that has it
        Nevra only = inst.get(0);
        List<Nevra> one = inst;
        PackageEvidence[] ev = cached(ar, only, () -> singleRows(ar, only, one, installonly));
        addRows(rows, ev, inst, only, inScope, c);
        continue;
      }
      multipleBuilds(ar, inst, installonly, unameR, inScope, c);
    }
  }

  /**
   * Whether {@code uname -r} names a build of this running-kernel package other than the one
   * installed (the kernel was updated and the old one removed, no reboot yet).
   */
  private static boolean runsAnotherBuild(String name, Nevra installed, String unameR) {
    if (unameR == null || !KernelPackages.RUNNING.contains(name)) {
      return false;
    }
    return !KernelPackages.isRunning(installed, unameR);
  }

  private static PackageEvidence[] cached(
      AdvisoryIndex.ArchRows ar, Object key, java.util.function.Supplier<PackageEvidence[]> make) {
    PackageEvidence[] ev = ar.evidence.get(key);
    if (ev == null) {
      ev = make.get();
      if (ar.evidence.size() < EVIDENCE_CACHE) {
        ar.evidence.putIfAbsent(key, ev);
      }
    }
    return ev;
  }

  private static PackageEvidence[] mismatchRows(AdvisoryIndex.Row[] rows, List<Nevra> others) {
    PackageEvidence[] ev = new PackageEvidence[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ev[i] =
          new PackageEvidence(
              rows[i].fixed(),
              null,
              others,
              FindingState.NOT_APPLICABLE,
              DecisionRule.ARCH_MISMATCH);
    }
    return ev;
  }

  private static PackageEvidence[] singleRows(
      AdvisoryIndex.ArchRows ar, Nevra only, List<Nevra> inst, boolean installonly) {
    AdvisoryIndex.Row[] rows = ar.rows;
    int upTo = ar.fixedUpTo(only.evr());
    PackageEvidence[] ev = new PackageEvidence[rows.length];
    DecisionRule missing =
        installonly
            ? DecisionRule.FIX_NEWER_THAN_NEWEST_KERNEL
            : DecisionRule.FIX_NEWER_THAN_NEWEST_INSTALLED;
    for (int i = 0; i < rows.length; i++) {
      ev[i] =
          i >= upTo
              ? new PackageEvidence(rows[i].fixed(), only, inst, FindingState.MISSING, missing)
              : new PackageEvidence(
                  rows[i].fixed(),
                  only,
                  inst,
                  FindingState.INSTALLED,
                  DecisionRule.INSTALLED_AT_OR_ABOVE_FIX);
    }
    return ev;
  }

  /** Adds shared evidence rows, keeping the advisory types asked for and the repos in scope. */
  private void addRows(
      AdvisoryIndex.Row[] rows,
      PackageEvidence[] ev,
      List<Nevra> inst,
      Nevra compared,
      boolean[] inScope,
      Scratch c) {
    for (int i = 0; i < rows.length; i++) {
      int a = rows[i].advisory();
      if (!typeOk[a]) {
        continue;
      }
      if (inScope[index.repoOf(a)]) {
        c.add(a, ev[i]);
      } else if (options.reportOutOfScope()) {
        c.add(
            a,
            new PackageEvidence(
                rows[i].fixed(),
                compared,
                inst,
                FindingState.NOT_APPLICABLE,
                DecisionRule.REPO_NOT_ENABLED));
      }
    }
  }

  /** Several builds of one name.arch (installonly kernels, leftover duplicates). */
  private void multipleBuilds(
      AdvisoryIndex.ArchRows ar,
      List<Nevra> unsorted,
      boolean installonly,
      String unameR,
      boolean[] inScope,
      Scratch c) {
    List<Nevra> sortedList = new ArrayList<>(unsorted);
    sortedList.sort((x, y) -> x.evr().compareTo(y.evr()));
    List<Nevra> inst = List.copyOf(sortedList);
    Nevra oldest = inst.get(0);
    Nevra newest = inst.get(inst.size() - 1);
    Nevra running = null;
    if (installonly) {
      for (Nevra n : inst) {
        if (KernelPackages.isRunning(n, unameR)) {
          running = n;
        }
      }
      if (running == null) {
        // the running kernel's package was removed after an update: it still runs until a reboot
        Nevra r = KernelPackages.runningBuild(newest.name(), unameR);
        if (r != null && r.arch().equals(newest.arch()) && r.evr().compareTo(newest.evr()) < 0) {
          running = r;
        }
      }
    }
    int upToNewest = ar.fixedUpTo(newest.evr());
    int upToOldest = ar.fixedUpTo(oldest.evr());
    int upToRunning = running == null ? -1 : ar.fixedUpTo(running.evr());
    AdvisoryIndex.Row[] rows = ar.rows;
    for (int i = 0; i < rows.length; i++) {
      int a = rows[i].advisory();
      if (!typeOk[a]) {
        continue;
      }
      FindingState state;
      DecisionRule rule;
      Nevra compared = newest;
      if (!inScope[index.repoOf(a)]) {
        if (!options.reportOutOfScope()) {
          continue;
        }
        state = FindingState.NOT_APPLICABLE;
        rule = DecisionRule.REPO_NOT_ENABLED;
      } else if (i >= upToNewest) {
        state = FindingState.MISSING;
        rule =
            installonly
                ? DecisionRule.FIX_NEWER_THAN_NEWEST_KERNEL
                : DecisionRule.FIX_NEWER_THAN_NEWEST_INSTALLED;
      } else if (upToRunning >= 0 && i >= upToRunning) {
        state = FindingState.INSTALLED_PENDING_REBOOT;
        rule = DecisionRule.RUNNING_KERNEL_OLDER_THAN_FIX;
        compared = running;
      } else if (installonly && i >= upToOldest) {
        state = FindingState.INSTALLED;
        rule = DecisionRule.OLDER_KERNEL_NOT_RUNNING;
      } else {
        state = FindingState.INSTALLED;
        rule = DecisionRule.INSTALLED_AT_OR_ABOVE_FIX;
      }
      c.add(a, new PackageEvidence(rows[i].fixed(), compared, inst, state, rule));
    }
  }

  private Finding finding(Advisory adv, List<PackageEvidence> rows, Set<String> mitigated) {
    FindingState state = FindingState.NOT_APPLICABLE;
    DecisionRule rule = rows.get(0).rule();
    boolean exposedOnlyInKernel = true;
    for (PackageEvidence p : rows) {
      if (p.state().exposureRank() < state.exposureRank()) {
        state = p.state();
        rule = p.rule();
      }
      if (p.state().exposed() && !KernelPackages.isFamily(p.name())) {
        exposedOnlyInKernel = false;
      }
    }
    List<String> covered = List.of();
    if (!mitigated.isEmpty() && state.exposed() && exposedOnlyInKernel) {
      List<String> cv = new ArrayList<>();
      for (String cve : adv.cves()) {
        if (mitigated.contains(cve)) {
          cv.add(cve);
        }
      }
      covered = cv;
      if (!adv.cves().isEmpty() && cv.size() == adv.cves().size()) {
        state = FindingState.MITIGATED_BY_LIVEPATCH;
      }
    }
    String text =
        state == FindingState.MITIGATED_BY_LIVEPATCH
            ? "kernel fix missing, but a live patch for the running kernel fixes every CVE of it"
            : rule.text();
    return new Finding(adv, state, rows, covered, text);
  }

  /**
   * CVEs fixed in the running kernel by live patches: the CVEs of every livepatch advisory whose
   * {@code kernel-livepatch-<running kernel>} package is installed at or above its fix, plus CVE
   * ids named by loaded kpatch modules ({@code livepatch_CVE_2019_20096}, AWS EC2 user guide
   * "kpatch list").
   */
  private Set<String> mitigatedCves(
      Map<String, List<Nevra>> byName, String unameR, List<String> loaded) {
    Set<String> out = new HashSet<>();
    if (unameR != null) {
      for (var e : byName.entrySet()) {
        if (!KernelPackages.livepatchTargets(e.getKey(), unameR)) {
          continue;
        }
        AdvisoryIndex.NameRows nr = index.rows(e.getKey());
        if (nr == null) {
          continue;
        }
        for (Nevra lp : e.getValue()) {
          AdvisoryIndex.ArchRows ar = nr.byArch.get(lp.arch().name());
          if (ar == null) {
            continue;
          }
          int upTo = ar.fixedUpTo(lp.evr());
          for (int i = 0; i < upTo; i++) {
            out.addAll(index.advisories().get(ar.rows[i].advisory()).cves());
          }
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
