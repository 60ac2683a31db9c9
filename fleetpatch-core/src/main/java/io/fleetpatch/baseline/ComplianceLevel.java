package io.fleetpatch.baseline;

import java.util.Locale;

/**
 * SSM's {@code PatchComplianceLevel}: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED (API
 * PatchRule.ComplianceLevel; reference/ssm-patch-manager.md §1). It is the severity of the
 * violation when an approved patch is missing, not the advisory's severity. Declared from the most
 * to the least severe.
 */
public enum ComplianceLevel {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFORMATIONAL,
  UNSPECIFIED;

  /**
   * @throws IllegalArgumentException quoting the value when it is not one of the six
   */
  public static ComplianceLevel parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown compliance level '"
              + s
              + "' (expected CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNSPECIFIED)");
    }
  }

  /** Whether this is at least as severe as {@code other}. */
  public boolean atLeast(ComplianceLevel other) {
    return ordinal() <= other.ordinal();
  }

  /** The more severe of two levels. */
  public static ComplianceLevel max(ComplianceLevel a, ComplianceLevel b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
