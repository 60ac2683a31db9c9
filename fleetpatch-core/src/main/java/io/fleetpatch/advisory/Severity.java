package io.fleetpatch.advisory;

import java.util.Locale;

/**
 * Normalised advisory severity. Sources differ: AL1/AL2 write lower case ({@code important}),
 * AL2023 capitalises, Alibaba and RHEL say {@code Moderate} where Amazon says {@code Medium}.
 */
public enum Severity {
  CRITICAL,
  IMPORTANT,
  MEDIUM,
  LOW,
  NONE,
  UNKNOWN;

  /** Normalises a source's severity string; unknown strings give {@link #UNKNOWN}. */
  public static Severity normalise(String s) {
    if (s == null || s.isBlank()) {
      return NONE;
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "critical" -> CRITICAL;
      case "important", "high" -> IMPORTANT;
      case "medium", "moderate" -> MEDIUM;
      case "low" -> LOW;
      case "none" -> NONE;
      default -> UNKNOWN;
    };
  }

  /** The capitalised name users see: Critical, Important, Medium, Low, None, Unknown. */
  public String label() {
    String n = name();
    return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Whether this is at least as severe as {@code other} (Critical is the most severe). */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
