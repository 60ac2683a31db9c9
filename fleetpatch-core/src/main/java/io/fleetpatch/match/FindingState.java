package io.fleetpatch.match;

/**
 * The state of a host against one advisory (or one advisory package row, or one CVE), DESIGN.md §4.
 * {@link #MISSING} is exactly real dnf's {@code updateinfo list --security} (the default {@code
 * --available} mode); the others refine what dnf cannot see or does not list.
 */
public enum FindingState {
  /** The fix applies and is not installed: dnf {@code updateinfo list --available} lists it. */
  MISSING,
  /** Every applicable package is at or above the fix (dnf {@code --installed}). */
  INSTALLED,
  /** The kernel fix is installed, but the running kernel ({@code uname -r}) is older. */
  INSTALLED_PENDING_REBOOT,
  /** The fix is missing, but a live patch for the running kernel covers every CVE it fixes. */
  MITIGATED_BY_LIVEPATCH,
  /** No package of the advisory is installed (with that arch), or its repo is not the host's. */
  NOT_APPLICABLE;

  /**
   * How exposed the host is, 0 = most: MISSING, INSTALLED_PENDING_REBOOT, MITIGATED_BY_LIVEPATCH,
   * INSTALLED, NOT_APPLICABLE. The CVE view reports the worst (lowest) across advisories.
   */
  public int exposureRank() {
    return switch (this) {
      case MISSING -> 0;
      case INSTALLED_PENDING_REBOOT -> 1;
      case MITIGATED_BY_LIVEPATCH -> 2;
      case INSTALLED -> 3;
      case NOT_APPLICABLE -> 4;
    };
  }

  /** The more exposed of two states. */
  public static FindingState worst(FindingState a, FindingState b) {
    return a.exposureRank() <= b.exposureRank() ? a : b;
  }

  /** Whether the running system is still exposed (MISSING or INSTALLED_PENDING_REBOOT). */
  public boolean exposed() {
    return this == MISSING || this == INSTALLED_PENDING_REBOOT;
  }
}
