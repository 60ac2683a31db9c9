package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.match.FindingState;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One advisory on one host under the host's baseline: an {@code items[]} entry of the {@code
 * fleetpatch.compliance/v1} document (DESIGN.md §7).
 *
 * @param advisory the advisory
 * @param severity the advisory's severity (kept beside it: fleet roll-ups count by it)
 * @param state the compliance state
 * @param detected what detection found (the scan's finding state)
 * @param complianceLevel the level of the rule or list that approved it (UNSPECIFIED otherwise)
 * @param approvedOn the day it was approved, or null (explicitly approved, or no date)
 * @param approvedBy what approved or rejected it: {@code rule 2}, {@code ApprovedPatches}, {@code
 *     RejectedPatches}, or {@code not in baseline}
 * @param deadline the SLA deadline while the fix is still open, else {@link
 *     SlaPolicy.Deadline#NONE}
 * @param overdueDays days past the deadline on the as-of day (0 when not overdue or waived)
 * @param exception the id of the exception that waives it, or null
 */
public record ComplianceItem(
    Advisory advisory,
    Severity severity,
    ComplianceState state,
    FindingState detected,
    ComplianceLevel complianceLevel,
    LocalDate approvedOn,
    String approvedBy,
    SlaPolicy.Deadline deadline,
    long overdueDays,
    String exception) {
  public ComplianceItem {
    Objects.requireNonNull(advisory, "advisory");
    if (severity != advisory.severity()) {
      throw new IllegalArgumentException("severity " + severity + " is not the advisory's");
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detected, "detected");
    Objects.requireNonNull(complianceLevel, "complianceLevel");
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(deadline, "deadline");
  }

  /** The same item waived by an exception (no longer overdue). */
  public ComplianceItem waivedBy(String exceptionId) {
    return new ComplianceItem(
        advisory,
        severity,
        state,
        detected,
        complianceLevel,
        approvedOn,
        approvedBy,
        deadline,
        0,
        exceptionId);
  }

  public boolean overdue() {
    return overdueDays > 0;
  }

  /** Whether it makes its host non-compliant at the given level threshold. */
  public boolean violates(ComplianceLevel threshold) {
    if (exception != null || !state.violates()) {
      return false;
    }
    // an installed rejected package is non-compliant whatever the level (UG compliance-states)
    return state == ComplianceState.INSTALLED_REJECTED || complianceLevel.atLeast(threshold);
  }
}
