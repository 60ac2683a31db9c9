package io.fleetpatch.baseline;

/**
 * What happens to a package on the rejected list (API CreatePatchBaseline {@code
 * RejectedPatchesAction}; reference/ssm-patch-manager.md §4).
 */
public enum RejectedAction {
  /**
   * The default. A rejected package is installed only as a dependency of another package; when it
   * is installed it is reported INSTALLED_OTHER (compliant), and InstalledRejectedCount stays 0.
   */
  ALLOW_AS_DEPENDENCY,
  /**
   * Never installed by Patch Manager. Installed before the rejection or outside Patch Manager, it
   * is reported INSTALLED_REJECTED (non-compliant).
   */
  BLOCK
}
