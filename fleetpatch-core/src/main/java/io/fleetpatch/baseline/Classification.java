package io.fleetpatch.baseline;

import io.fleetpatch.advisory.AdvisoryType;
import java.util.Locale;

/**
 * The CLASSIFICATION values of an Amazon Linux patch baseline filter: Security, Bugfix,
 * Enhancement, Recommended, Newpackage (SSM API reference, PatchFilter, values for AMAZON_LINUX_2;
 * reference/ssm-patch-manager.md §1 [OLDAPI]). The classification of an advisory is its updateinfo
 * {@code type} (§6: "severity comes only from the publisher's update notice").
 */
public enum Classification {
  SECURITY("Security"),
  BUGFIX("Bugfix"),
  ENHANCEMENT("Enhancement"),
  /** Accepted in filters (an SSM value); no updateinfo type maps to it, so it matches nothing. */
  RECOMMENDED("Recommended"),
  NEWPACKAGE("Newpackage");

  private final String label;

  Classification(String label) {
    this.label = label;
  }

  /** The value as SSM writes it. */
  public String label() {
    return label;
  }

  public static Classification of(AdvisoryType type) {
    return switch (type) {
      case SECURITY -> SECURITY;
      case BUGFIX -> BUGFIX;
      case ENHANCEMENT -> ENHANCEMENT;
      case NEWPACKAGE -> NEWPACKAGE;
    };
  }

  /**
   * Whether an update of this classification is a security update in the sense of {@code
   * EnableNonSecurity}. fleetpatch's reading of the SSM user guide: the documented equivalent
   * commands for baselines without non-security updates are {@code yum update-minimal
   * --sec-severity=... --bugfix} (AL2) and {@code dnf upgrade-minimal ... --bugfix} (AL2023)
   * (reference/ssm-patch-manager.md §6), so Security and Bugfix notices are installed without the
   * switch; Enhancement, Newpackage and Recommended updates are the "non-security updates" that
   * {@code EnableNonSecurity} (API PatchRule) lets in.
   */
  public boolean needsNonSecurity() {
    return this != SECURITY && this != BUGFIX;
  }

  /** Parses a filter value case-insensitively, or returns null when it is not one. */
  public static Classification parseOrNull(String s) {
    for (Classification c : values()) {
      if (c.label.toLowerCase(Locale.ROOT).equals(s.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return label;
  }
}
