package io.fleetpatch.compliance;

/**
 * The state of one advisory on one host under its baseline: SSM's PatchComplianceDataState for
 * Linux (UG compliance-states; API PatchComplianceDataState; reference/ssm-patch-manager.md §5), as
 * DESIGN.md §4 lists them.
 */
public enum ComplianceState {
  /** In the baseline and installed (also: covered by a loaded live patch, UG §11). Compliant. */
  INSTALLED,
  /**
   * Installed but not in the baseline, or on the rejected list with RejectedPatchesAction
   * ALLOW_AS_DEPENDENCY. Compliant.
   */
  INSTALLED_OTHER,
  /** Installed, but the running kernel is older: a reboot is pending. Non-compliant. */
  INSTALLED_PENDING_REBOOT,
  /** Installed and on the rejected list with RejectedPatchesAction BLOCK. Non-compliant. */
  INSTALLED_REJECTED,
  /** Approved and applicable but not installed. Non-compliant. */
  MISSING,
  /** Approved, but its installation failed (from a remediation run). Non-compliant. */
  FAILED,
  /**
   * Approved, but not for this host: its package is installed only with another arch, or its repo
   * is not the host's (SSM uses this state on Windows only).
   */
  NOT_APPLICABLE;

  /** Whether this state makes a host non-compliant (UG compliance-states, "Compliant?" column). */
  public boolean violates() {
    return this == MISSING
        || this == FAILED
        || this == INSTALLED_PENDING_REBOOT
        || this == INSTALLED_REJECTED;
  }

  /** Whether the fix is still to be deployed: the states an SLA deadline runs for. */
  public boolean open() {
    return this == MISSING || this == FAILED || this == INSTALLED_PENDING_REBOOT;
  }
}
