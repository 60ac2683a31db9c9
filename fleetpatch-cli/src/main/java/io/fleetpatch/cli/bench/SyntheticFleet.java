package io.fleetpatch.cli.bench;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Nevra;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A large fleet derived from a few real hosts: host i is template i mod T with each package moved,
 * with probability {@code vary}, to another real EVR of the same name.arch (one installed on some
 * template or fixed by some advisory). Every tenth host is in patch group {@value #FROZEN_GROUP}.
 * Deterministic for a seed.
 */
final class SyntheticFleet {
  /** The patch group ({@code PatchGroup} tag) of every tenth host. */
  static final String FROZEN_GROUP = "frozen";

  private final List<FleetTemplate> templates;
  private final double vary;

  /** Per template: its packages, then per package the EVRs it may move to. */
  private final InstalledPackage[][][] alternatives;

  private final int nameArches;
  private final long candidates;

  SyntheticFleet(List<FleetTemplate> templates, List<Advisory> advisories, double vary) {
    this.templates = List.copyOf(templates);
    this.vary = vary;
    Map<String, TreeSet<Nevra>> evrs = new HashMap<>();
    for (FleetTemplate t : templates) {
      for (InstalledPackage p : t.inventory().packages()) {
        evrs.computeIfAbsent(p.nevra().nameArch(), k -> new TreeSet<>()).add(p.nevra());
      }
    }
    for (Advisory a : advisories) {
      for (FixedPackage fp : a.packages()) {
        if (fp.arch() != null) {
          Nevra n = new Nevra(fp.name(), fp.fixed(), Arch.parse(fp.arch()));
          TreeSet<Nevra> set = evrs.get(n.nameArch());
          if (set != null) {
            set.add(n);
          }
        }
      }
    }
    // one shared object per build, as a fleet read from one store would have
    Map<Nevra, InstalledPackage> canonical = new HashMap<>();
    Map<String, InstalledPackage[]> byNameArch = new HashMap<>();
    long total = 0;
    for (var e : evrs.entrySet()) {
      InstalledPackage[] arr =
          e.getValue().stream().map(InstalledPackage::of).toArray(InstalledPackage[]::new);
      for (InstalledPackage p : arr) {
        canonical.put(p.nevra(), p);
      }
      byNameArch.put(e.getKey(), arr);
      total += arr.length;
    }
    this.nameArches = byNameArch.size();
    this.candidates = total;
    this.alternatives = new InstalledPackage[templates.size()][][];
    for (int t = 0; t < templates.size(); t++) {
      List<InstalledPackage> pkgs = templates.get(t).inventory().packages();
      InstalledPackage[][] alts = new InstalledPackage[pkgs.size() + 1][];
      InstalledPackage[] canon = new InstalledPackage[pkgs.size()];
      for (int j = 0; j < pkgs.size(); j++) {
        InstalledPackage p = pkgs.get(j);
        canon[j] = canonical.getOrDefault(p.nevra(), p);
        alts[j + 1] = byNameArch.getOrDefault(p.nevra().nameArch(), new InstalledPackage[0]);
      }
      alts[0] = canon;
      alternatives[t] = alts;
    }
  }

  List<FleetTemplate> templates() {
    return templates;
  }

  /** Distinct name.arch among the templates. */
  int nameArches() {
    return nameArches;
  }

  /** Real EVRs a package may move to, summed over the name.arches. */
  long candidates() {
    return candidates;
  }

  /** Hosts 0..n-1 for a seed, generated in parallel on {@code pool}. */
  Inventory[] hosts(int n, long seed, ForkJoinPool pool) throws Exception {
    Inventory[] out = new Inventory[n];
    pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> out[i] = host(i, seed))).get();
    return out;
  }

  /** Host i: its template with each package moved to another real EVR with probability vary. */
  Inventory host(int i, long seed) {
    int t = i % templates.size();
    Inventory tpl = templates.get(t).inventory();
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
    InstalledPackage[][] alts = alternatives[t];
    InstalledPackage[] canon = alts[0];
    InstalledPackage[] pkgs = new InstalledPackage[canon.length];
    for (int j = 0; j < canon.length; j++) {
      InstalledPackage chosen = canon[j];
      InstalledPackage[] alt = alts[j + 1];
      if (alt.length > 1 && rnd.nextDouble() < vary) {
        chosen = alt[rnd.nextInt(alt.length)];
      }
      pkgs[j] = chosen;
    }
    Host host =
        i % 10 == 0
            ? new Host("bench-" + i, null, Map.of("PatchGroup", FROZEN_GROUP))
            : Host.of("bench-" + i);
    return new Inventory(
        host,
        tpl.os(),
        tpl.kernel(),
        Arrays.asList(pkgs),
        tpl.repos(),
        tpl.livepatches(),
        null,
        "bench:" + tpl.host().id());
  }
}
