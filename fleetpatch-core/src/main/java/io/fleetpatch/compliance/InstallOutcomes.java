package io.fleetpatch.compliance;

/**
 * What remediation runs reported: whether installing an advisory's fix failed on a host. An
 * approved advisory whose install failed is FAILED rather than MISSING (UG compliance-states:
 * "Install reports Failed but not Missing", reference/ssm-patch-manager.md §5 and §8).
 */
@FunctionalInterface
public interface InstallOutcomes {
  /** No run logs: nothing has failed. */
  InstallOutcomes NONE = (host, advisory) -> false;

  boolean failed(String hostId, String advisoryId);
}
