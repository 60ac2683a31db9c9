package io.fleetpatch.baseline;

/**
 * The wildcard matching of patch filters and patch lists: {@code *} matches any run of characters
 * (SSM API PatchFilter: "the wildcard character (*) ... matches all"; approved/rejected package
 * names take one wildcard, reference/ssm-patch-manager.md §3). Matching is case-sensitive, as
 * package names are.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String s) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(s);
    }
    return matchFrom(pattern, 0, s, 0);
  }

  private static boolean matchFrom(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matchFrom(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
