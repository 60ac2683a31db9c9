package io.fleetpatch.match;

import io.fleetpatch.rpm.Nevra;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * dnf's rules for the advisory package rows of one installed package name (DESIGN.md §5): given the
 * name's installed builds, the host's repo scope and running kernel, the state and evidence of
 * every row of the name's advisories of the types asked for, as a {@link NameVerdict}.
 *
 * <p>A row is MISSING exactly when dnf 4.14 {@code updateinfo list --security} (the default {@code
 * --available}) lists it: same name AND arch installed (oracle README gotcha 6), and the fixed EVR
 * newer than the newest installed build of that name.arch ({@code dnf/cli/commands/updateinfo.py},
 * installed {@code .latest()}; for installonly kernels the newest kernel, gotcha 7), by rpm's EVR
 * order ({@link io.fleetpatch.rpm.RpmVersions}). Rows of a build are computed once per index part
 * and shared.
 */
final class RowRules {
  /** Bound of each per-build evidence cache (entries per name.arch and repo). */
  private static final int EVIDENCE_CACHE = 1024;

  /**
   * What a host makes of a feed ({@code byte[]} by feed number): its advisories apply; they do not
   * but are reported NOT_APPLICABLE when asked (a repo of the host's release it does not use); or
   * they are ignored (another release's feed: its advisories are not about this host at all).
   */
  static final byte IGNORED = 0;

  static final byte REPORTED = 1;
  static final byte IN_SCOPE = 2;

  private final MatchOptions options;
  private final boolean[] typeOk;

  RowRules(MatchOptions options, boolean[] typeOk) {
    this.options = options;
    this.typeOk = typeOk;
  }

  /**
   * The rows of one installed name.
   *
   * @param scopeKey and {@code runningKernel}: what the verdict is recorded as decided for
   */
  NameVerdict decide(
      List<Nevra> installed,
      AdvisoryIndex.NameRows nr,
      String unameR,
      byte[] feeds,
      long scopeKey,
      String runningKernel) {
    NameVerdict.Builder b = new NameVerdict.Builder();
    collect(installed, nr, unameR, feeds, b);
    return b.build(scopeKey, runningKernel);
  }

  private void collect(
      List<Nevra> installedAllArches,
      AdvisoryIndex.NameRows nr,
      String unameR,
      byte[] feeds,
      NameVerdict.Builder c) {
    for (AdvisoryIndex.ArchRows ar : nr.all) {
      List<Nevra> inst = installedAllArches;
      if (!ar.arch.equals(AdvisoryIndex.ANY_ARCH)) {
        inst = sameArch(installedAllArches, ar.arch);
      }
      boolean single =
          inst.size() == 1
              && !(nr.runningKernel
                  && unameR != null
                  && !KernelPackages.isRunning(inst.get(0), unameR));
      for (AdvisoryIndex.RepoRows part : ar.parts) {
        if (feeds[part.repo] != IN_SCOPE) {
          if (feeds[part.repo] == REPORTED && options.reportOutOfScope()) {
            outOfScope(part, inst.isEmpty() ? installedAllArches : inst, c);
          }
          continue;
        }
        if (inst.isEmpty()) {
          // gotcha 6: the name is installed, but only with other arches
          List<Nevra> others = installedAllArches;
          add(part, cached(part, others, () -> mismatchRows(part.rows, nr, others)), c);
        } else if (single) {
          // one build of this name.arch: its rows are the same on every host that has it
          Nevra only = inst.get(0);
          List<Nevra> one = inst;
          add(part, cached(part, only, () -> singleRows(part, only, one, nr.installonly)), c);
        } else {
          multipleBuilds(part, inst, nr.installonly, unameR, c);
        }
      }
    }
  }

  private static List<Nevra> sameArch(List<Nevra> all, String arch) {
    int same = 0;
    for (Nevra n : all) {
      if (n.arch().name().equals(arch)) {
        same++;
      }
    }
    if (same == all.size()) {
      return all;
    }
    Nevra[] f = new Nevra[same];
    int k = 0;
    for (Nevra n : all) {
      if (n.arch().name().equals(arch)) {
        f[k++] = n;
      }
    }
    return List.of(f);
  }

  /** Evidence rows of a part for one installed build (or set of builds), computed once. */
  private static PackageEvidence[] cached(
      AdvisoryIndex.RepoRows part, Object key, Supplier<PackageEvidence[]> make) {
    PackageEvidence[] ev = part.evidence.get(key);
    if (ev == null) {
      ev = make.get();
      if (part.evidence.size() < EVIDENCE_CACHE) {
        part.evidence.putIfAbsent(key, ev);
      }
    }
    return ev;
  }

  private static PackageEvidence[] mismatchRows(
      AdvisoryIndex.Row[] rows, AdvisoryIndex.NameRows nr, List<Nevra> others) {
    PackageEvidence[] ev = new PackageEvidence[rows.length];
    int[][] ofArches = nr.advisoriesOfArches(others);
    for (int i = 0; i < rows.length; i++) {
      if (AdvisoryIndex.NameRows.hasRowForAnyArchOf(rows[i].advisory(), ofArches)) {
        continue;
      }
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
      AdvisoryIndex.RepoRows part, Nevra only, List<Nevra> inst, boolean installonly) {
    AdvisoryIndex.Row[] rows = part.rows;
    int upTo = part.fixedUpTo(only.evr());
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

  /** Adds shared evidence rows of the advisory types asked for (null rows are left out). */
  private void add(AdvisoryIndex.RepoRows part, PackageEvidence[] evs, NameVerdict.Builder c) {
    AdvisoryIndex.Row[] rows = part.rows;
    for (int i = 0; i < rows.length; i++) {
      int a = rows[i].advisory();
      if (typeOk[a] && evs[i] != null) {
        c.add(a, evs[i]);
      }
    }
  }

  /** Rows of a repo the host does not use, reported NOT_APPLICABLE (only when asked). */
  private void outOfScope(AdvisoryIndex.RepoRows part, List<Nevra> inst, NameVerdict.Builder c) {
    Nevra compared = inst.isEmpty() ? null : inst.get(inst.size() - 1);
    for (AdvisoryIndex.Row r : part.rows) {
      if (typeOk[r.advisory()]) {
        c.add(
            r.advisory(),
            new PackageEvidence(
                r.fixed(),
                compared,
                inst,
                FindingState.NOT_APPLICABLE,
                DecisionRule.REPO_NOT_ENABLED));
      }
    }
  }

  /**
   * Several builds of one name.arch (installonly kernels, leftover duplicates), or a running kernel
   * other than the one installed build.
   */
  private void multipleBuilds(
      AdvisoryIndex.RepoRows part,
      List<Nevra> unsorted,
      boolean installonly,
      String unameR,
      NameVerdict.Builder c) {
    List<Nevra> inst = unsorted;
    if (unsorted.size() > 1) {
      Nevra[] sorted = unsorted.toArray(Nevra[]::new);
      Arrays.sort(sorted, (x, y) -> x.evr().compareTo(y.evr()));
      inst = List.of(sorted);
    }
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
    int upToNewest = part.fixedUpTo(newest.evr());
    int upToOldest = part.fixedUpTo(oldest.evr());
    int upToRunning = running == null ? -1 : part.fixedUpTo(running.evr());
    AdvisoryIndex.Row[] rows = part.rows;
    for (int i = 0; i < rows.length; i++) {
      int a = rows[i].advisory();
      if (!typeOk[a]) {
        continue;
      }
      FindingState state;
      DecisionRule rule;
      Nevra compared = newest;
      if (i >= upToNewest) {
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
}
