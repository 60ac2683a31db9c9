package io.fleetpatch.advisory;

import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.Objects;

/**
 * A package build that fixes an advisory: updateinfo's {@code <package name epoch version release
 * arch><filename/>}, or an OVAL rpminfo test flattened to name, fixed EVR and (optional) arch.
 *
 * @param name package name
 * @param fixed the first fixed EVR
 * @param arch the arch the row is for, or null when the source gives none (OVAL without an arch
 *     test): then it applies to every arch of that name
 * @param filename the rpm file name from updateinfo, or null
 */
public record FixedPackage(String name, Evr fixed, String arch, String filename) {
  public FixedPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fixed, "fixed");
  }

  public static FixedPackage of(Nevra nevra, String filename) {
    return new FixedPackage(nevra.name(), nevra.evr(), nevra.arch().name(), filename);
  }

  /** Whether this row applies to an installed package of that arch. */
  public boolean appliesToArch(String installedArch) {
    return arch == null || arch.equals(installedArch);
  }
}
