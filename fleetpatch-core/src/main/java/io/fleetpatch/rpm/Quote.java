package io.fleetpatch.rpm;

/**
 * Quotes a rejected value for an error message: in single quotes, on one line (control characters
 * escaped as {@code \\uXXXX}) and cut to a readable length, so that a hostile input cannot make a
 * multi-line or megabyte-long message.
 */
final class Quote {
  static final int MAX = 120;

  private Quote() {}

  static String of(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8).append('\'');
    int n = Math.min(s.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < ' ' || c == 0x7f || Character.isSurrogate(c) && !validPair(s, i)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('\'');
    if (s.length() > MAX) {
      b.append("... (").append(s.length()).append(" characters)");
    }
    return b.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
