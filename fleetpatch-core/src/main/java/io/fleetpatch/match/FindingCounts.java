package io.fleetpatch.match;

import java.util.List;

/**
 * How many of a host's findings are in each state, and how many package rows are MISSING (the lines
 * dnf {@code updateinfo list} would print). The matcher counts them as it decides, so fleet
 * summaries never walk the evidence.
 */
public record FindingCounts(
    int missing,
    int installed,
    int pendingReboot,
    int mitigated,
    int notApplicable,
    int missingRows) {
  public FindingCounts {
    if (missing < 0
        || installed < 0
        || pendingReboot < 0
        || mitigated < 0
        || notApplicable < 0
        || missingRows < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }

  /** Counts a finding list (for findings not made by the matcher). */
  public static FindingCounts of(List<Finding> findings) {
    int[] byState = new int[FindingState.values().length];
    int rows = 0;
    for (Finding f : findings) {
      byState[f.state().ordinal()]++;
      for (PackageEvidence p : f.packages()) {
        if (p.state() == FindingState.MISSING) {
          rows++;
        }
      }
    }
    return of(byState, rows);
  }

  /** From findings counted per {@link FindingState} ordinal. */
  static FindingCounts of(int[] byState, int missingRows) {
    return new FindingCounts(
        byState[FindingState.MISSING.ordinal()],
        byState[FindingState.INSTALLED.ordinal()],
        byState[FindingState.INSTALLED_PENDING_REBOOT.ordinal()],
        byState[FindingState.MITIGATED_BY_LIVEPATCH.ordinal()],
        byState[FindingState.NOT_APPLICABLE.ordinal()],
        missingRows);
  }

  /** Findings in one state. */
  public int get(FindingState state) {
    return switch (state) {
      case MISSING -> missing;
      case INSTALLED -> installed;
      case INSTALLED_PENDING_REBOOT -> pendingReboot;
      case MITIGATED_BY_LIVEPATCH -> mitigated;
      case NOT_APPLICABLE -> notApplicable;
    };
  }

  /** All findings. */
  public int total() {
    return missing + installed + pendingReboot + mitigated + notApplicable;
  }
}
