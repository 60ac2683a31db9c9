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
    boolean[] inScope = new boolean[index.repos().size()];
    for (int i = 0; i < inScope.length; i++) {
      inScope[i] = scope.includes(index.repos().get(i));
    }
    List<Nevra> packages = new ArrayList<>(inventory.packages().size());
    for (InstalledPackage p : inventory.packages()) {
      packages.add(p.nevra());
    }
    List<Finding> findings =
        evaluate(packages, inventory.kernel(), inventory.livepatches(), inScope);
    return new HostFindings(inventory.host(), inventory.os(), inventory.kernel(), scope, findings);
  }

  /** Per host scratch: the package rows collected per advisory number. */
  private static final class Collected {
    final Map<Integer, List<PackageEvidence>> rows = new HashMap<>();
  }

  List<Finding> evaluate(
      List<Nevra> packages, String unameR, List<String> loadedLivepatches, boolean[] inScope) {
    Map<String, List<Nevra>> byName = new HashMap<>(packages.size() * 2);
    for (Nevra n : packages) {
      byName.computeIfAbsent(n.name(), k -> new ArrayList<>(2)).add(n);
    }
    Collected c = new Collected();
    for (var e : byName.entrySet()) {
      AdvisoryIndex.NameRows nr = index.rows(e.getKey());
      if (nr != null) {
        collect(e.getKey(), e.getValue(), nr, unameR, inScope, c);
      }
    }
    Set<String> mitigated = mitigatedCves(byName, unameR, loadedLivepatches);
    Integer[] advs = c.rows.keySet().toArray(Integer[]::new);
    Arrays.sort(advs);
    List<Finding> out = new ArrayList<>(advs.length);
    for (Integer a : advs) {
      out.add(finding(index.advisories().get(a), c.rows.get(a), mitigated));
    }
    return out;
  }

  private void collect(
      String name,
      List<Nevra> installedAllArches,
      AdvisoryIndex.NameRows nr,
      String unameR,
      boolean[] inScope,
      Collected c) {
    boolean installonly = KernelPackages.isInstallonly(name);
    for (AdvisoryIndex.ArchRows ar : nr.byArch.values()) {
      List<Nevra> inst;
      if (ar.arch.equals(AdvisoryIndex.ANY_ARCH)) {
        inst = installedAllArches;
      } else {
        inst = new ArrayList<>(installedAllArches.size());
        for (Nevra n : installedAllArches) {
          if (n.arch().name().equals(ar.arch)) {
            inst.add(n);
          }
        }
      }
      if (inst.isEmpty()) {
        // gotcha 6: the name is installed, but only with other arches
        for (AdvisoryIndex.Row r : ar.rows) {
          int a = r.advisory();
          if (typeOk[a] && (inScope[index.repoOf(a)] || options.reportOutOfScope())) {
            add(
                c,
                a,
                new PackageEvidence(
                    r.fixed(),
                    null,
                    installedAllArches,
                    FindingState.NOT_APPLICABLE,
                    inScope[index.repoOf(a)]
                        ? DecisionRule.ARCH_MISMATCH
                        : DecisionRule.REPO_NOT_ENABLED));
          }
        }
        continue;
      }
      Nevra newest = inst.get(0);
      Nevra oldest = inst.get(0);
      Nevra running = null;
      for (Nevra n : inst) {
        if (n.evr().compareTo(newest.evr()) > 0) {
          newest = n;
        }
        if (n.evr().compareTo(oldest.evr()) < 0) {
          oldest = n;
        }
        if (installonly && KernelPackages.isRunning(n, unameR)) {
          running = n;
        }
      }
      List<Nevra> sorted = inst;
      if (inst.size() > 1) {
        sorted = new ArrayList<>(inst);
        sorted.sort((x, y) -> x.evr().compareTo(y.evr()));
      }
      int upToNewest = ar.fixedUpTo(newest.evr());
      int upToOldest = inst.size() > 1 ? ar.fixedUpTo(oldest.evr()) : upToNewest;
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
        add(c, a, new PackageEvidence(rows[i].fixed(), compared, sorted, state, rule));
      }
    }
  }

  private static void add(Collected c, int advisory, PackageEvidence ev) {
    c.rows.computeIfAbsent(advisory, k -> new ArrayList<>(2)).add(ev);
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
