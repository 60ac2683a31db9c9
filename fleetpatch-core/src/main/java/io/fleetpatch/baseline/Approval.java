package io.fleetpatch.baseline;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a baseline says about one advisory on one host on a given day.
 *
 * @param status approved, not yet approved, not approved at all, or rejected
 * @param approvedOn the day it is (or will be) approved, or null when unknown or immediate
 * @param complianceLevel the level a missing approved patch is reported at
 * @param by what decided: {@code rule 1} (1-based), {@code ApprovedPatches}, {@code
 *     RejectedPatches}, or {@code no rule}
 */
public record Approval(
    Approval.Status status, LocalDate approvedOn, ComplianceLevel complianceLevel, String by) {
  /** The approval status. */
  public enum Status {
    /** In the baseline on the day asked about. */
    APPROVED,
    /** A rule selects it, but its approval day is still to come. */
    PENDING,
    /** No rule or list selects it. */
    NOT_APPROVED,
    /** On the rejected list (a patch both approved and rejected counts as rejected). */
    REJECTED
  }

  public Approval {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(complianceLevel, "complianceLevel");
    Objects.requireNonNull(by, "by");
  }

  public boolean approved() {
    return status == Status.APPROVED;
  }

  static Approval notApproved() {
    return new Approval(Status.NOT_APPROVED, null, ComplianceLevel.UNSPECIFIED, "no rule");
  }
}
