package io.fleetpatch.baseline;

import io.fleetpatch.advisory.Advisory;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One approval rule of a baseline (SSM API PatchRule; reference/ssm-patch-manager.md §1–2): a
 * filter group (at most 4 filters, all of which must match), either {@code ApproveAfterDays}
 * (0–360) or {@code ApproveUntilDate}, a compliance level and {@code EnableNonSecurity}.
 *
 * @param filters the PatchFilterGroup
 * @param approveAfterDays days after the advisory's release date, or null
 * @param approveUntilDate the cut-off release date, or null
 * @param complianceLevel the severity of the violation when a patch it approves is missing
 * @param enableNonSecurity whether it may approve non-security updates ({@link
 *     Classification#needsNonSecurity()})
 */
public record PatchRule(
    List<PatchFilter> filters,
    Integer approveAfterDays,
    LocalDate approveUntilDate,
    ComplianceLevel complianceLevel,
    boolean enableNonSecurity) {
  /** API PatchFilterGroup.PatchFilters: at most 4 filters. */
  public static final int MAX_FILTERS = 4;

  /** API PatchRule.ApproveAfterDays: 0 to 360. */
  public static final int MAX_APPROVE_AFTER_DAYS = 360;

  public PatchRule {
    filters = List.copyOf(filters);
    Objects.requireNonNull(complianceLevel, "complianceLevel");
    if (filters.size() > MAX_FILTERS) {
      throw new IllegalArgumentException(
          "a rule takes at most " + MAX_FILTERS + " filters, got " + filters.size());
    }
    if ((approveAfterDays == null) == (approveUntilDate == null)) {
      throw new IllegalArgumentException(
          "a rule needs exactly one of ApproveAfterDays and ApproveUntilDate");
    }
    if (approveAfterDays != null
        && (approveAfterDays < 0 || approveAfterDays > MAX_APPROVE_AFTER_DAYS)) {
      throw new IllegalArgumentException(
          "ApproveAfterDays must be 0-" + MAX_APPROVE_AFTER_DAYS + ", got " + approveAfterDays);
    }
  }

  public static PatchRule afterDays(int days, ComplianceLevel level, PatchFilter... filters) {
    return new PatchRule(List.of(filters), days, null, level, false);
  }

  public static PatchRule untilDate(LocalDate date, ComplianceLevel level, PatchFilter... filters) {
    return new PatchRule(List.of(filters), null, date, level, false);
  }

  public PatchRule withNonSecurity(boolean enable) {
    return new PatchRule(filters, approveAfterDays, approveUntilDate, complianceLevel, enable);
  }

  /** Whether every filter of the group passes the advisory (an empty group passes everything). */
  public boolean selects(Advisory advisory, Product product) {
    if (Classification.of(advisory.type()).needsNonSecurity() && !enableNonSecurity) {
      return false;
    }
    for (PatchFilter f : filters) {
      if (!f.matches(advisory, product)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The day this rule approves a selected advisory, or null when it approves it with no date (the
   * advisory carries no date: SSM then uses the build time, and with none found the delay is 0,
   * reference/ssm-patch-manager.md §2), or {@link LocalDate#MAX} when it never will (released after
   * ApproveUntilDate).
   *
   * <p>ApproveAfterDays counts whole UTC days from the advisory's {@code updated} date, not its
   * issued date, as SSM does on Amazon Linux (UG release-dates: "the Updated Date ... not the
   * Release Date"; CloudFormation PatchRule: "Patch Manager evaluates patch release dates using
   * Coordinated Universal Time"); see {@link Advisory#updatedOrIssued()}. ApproveUntilDate approves
   * advisories released or updated on or before that date (API PatchRule.ApproveUntilDate).
   */
  public LocalDate approvalDay(LocalDate released) {
    if (released == null) {
      return null;
    }
    if (approveAfterDays != null) {
      return released.plusDays(approveAfterDays);
    }
    return released.isAfter(approveUntilDate) ? LocalDate.MAX : released;
  }
}
