package io.fleetpatch.advisory;

import java.util.Locale;

/** The updateinfo {@code <update type="...">} classification. */
public enum AdvisoryType {
  SECURITY,
  BUGFIX,
  ENHANCEMENT,
  NEWPACKAGE;

  /**
   * @throws IllegalArgumentException quoting the value when it is not one of the four
   */
  public static AdvisoryType parse(String s) {
    return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
      case "security" -> SECURITY;
      case "bugfix" -> BUGFIX;
      case "enhancement" -> ENHANCEMENT;
      case "newpackage" -> NEWPACKAGE;
      default -> throw new IllegalArgumentException("unknown advisory type '" + s + "'");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
