package io.fleetpatch.inventory;

import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One object per distinct build (and os-release) among the inventories of one fleet read: hosts
 * repeat the same builds, so sharing them keeps a 100,000-host fleet's inventories small, and lets
 * the matcher know a build by identity ({@code KnownBuilds}) instead of hashing and comparing its
 * name, version and release on every host (compliance likewise knows an OS by identity).
 * Thread-safe.
 */
public final class BuildPool {
  private final ConcurrentHashMap<Nevra, Nevra> builds = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<OsRelease, OsRelease> releases = new ConcurrentHashMap<>();

  /** The pooled object equal to {@code build} (the first one met). */
  public Nevra share(Nevra build) {
    Nevra known = builds.putIfAbsent(build, build);
    return known == null ? build : known;
  }

  /** The pooled object equal to {@code os} (the first one met). */
  public OsRelease share(OsRelease os) {
    OsRelease known = releases.putIfAbsent(os, os);
    return known == null ? os : known;
  }

  /**
   * The inventory with its os-release and its packages' builds pooled (the same inventory when all
   * already are).
   */
  public Inventory share(Inventory inventory) {
    OsRelease os = share(inventory.os());
    List<InstalledPackage> pkgs = inventory.packages();
    List<InstalledPackage> out = null;
    for (int i = 0; i < pkgs.size(); i++) {
      InstalledPackage p = pkgs.get(i);
      Nevra shared = share(p.nevra());
      if (shared != p.nevra()) {
        if (out == null) {
          out = new ArrayList<>(pkgs.subList(0, i));
        }
        p =
            new InstalledPackage(
                shared, p.sourceRpm(), p.vendor(), p.installTime(), p.signatureKeyId(), p.repo());
      }
      if (out != null) {
        out.add(p);
      }
    }
    if (out == null && os == inventory.os()) {
      return inventory;
    }
    return new Inventory(
        inventory.host(),
        os,
        inventory.kernel(),
        out == null ? pkgs : out,
        inventory.repos(),
        inventory.livepatches(),
        inventory.collectedAt(),
        inventory.source());
  }

  /** Distinct builds pooled. */
  public int size() {
    return builds.size();
  }
}
