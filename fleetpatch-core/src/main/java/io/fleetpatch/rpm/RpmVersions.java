package io.fleetpatch.rpm;

/**
 * rpm's version comparison, ported from rpm 4.18 {@code rpmio/rpmvercmp.c} ({@code rpmvercmp}) and
 * {@code lib/rpmver.c} ({@code rpmverCmp}).
 *
 * <p>Strings are split into runs of ASCII digits and runs of ASCII letters; everything else
 * separates runs. Numeric runs compare as numbers (leading zeros ignored, longer wins), alphabetic
 * runs compare with {@code strcmp}, and a numeric run is newer than an alphabetic one. {@code ~}
 * sorts before everything, even the end of the string; {@code ^} sorts after the end of the string
 * but before anything else.
 */
public final class RpmVersions {
  private RpmVersions() {}

  /**
   * Compares two EVRs as librpm's default comparison does ({@code rpmverCmp} in rpm 4.18 {@code
   * lib/rpmver.c}, what python3-rpm's {@code rpm.ver} objects compare with; the oracle's default
   * backend):
   *
   * <ol>
   *   <li>epochs, an absent one counting as "0" (rpmverCmp: {@code e1 = (v1->e != NULL) ? v1->e :
   *       "0"}), compared with rpmvercmp, i.e. as numbers (digits only, leading zeros ignored);
   *   <li>versions with {@link #rpmvercmp};
   *   <li>releases with {@link #rpmvercmp} when both are present; otherwise the EVR without a
   *       release is the older one (lib/rpmver.c {@code compare_values}: {@code str1 && !str2}
   *       gives 1, {@code !str1 && str2} gives -1). So {@code 2.0 < 2.0-1}, and also {@code 1.0 <
   *       1.0-~} and {@code 1.0 < 1.0-_}, where comparing the missing release as the empty string
   *       would give the opposite and "equal".
   * </ol>
   *
   * @return -1, 0 or 1
   */
  public static int compare(Evr a, Evr b) {
    int rc = Long.compare(a.epochOrZero(), b.epochOrZero());
    if (rc != 0) {
      return rc < 0 ? -1 : 1;
    }
    rc = rpmvercmp(a.version(), b.version());
    if (rc != 0) {
      return rc;
    }
    String ra = a.release();
    String rb = b.release();
    if (ra != null && rb != null) {
      return rpmvercmp(ra, rb);
    }
    if (ra != null) {
      return 1;
    }
    return rb != null ? -1 : 0;
  }

  /**
   * Compares two EVR strings: the same answer, and the same {@link IllegalArgumentException} for
   * garbage, as {@code compare(Evr.parse(a), Evr.parse(b))}, but without building the records (for
   * {@code vercmp --stdin} and other bulk text). Well-formed printable-ASCII EVRs are split in
   * place, as {@link Evr#parse} splits them; anything else goes through {@link Evr#parse}.
   *
   * @return -1, 0 or 1
   * @throws IllegalArgumentException quoting the string that is not an EVR
   */
  public static int compare(String a, String b) {
    long sa = split(a);
    long sb = split(b);
    if (sa < 0 || sb < 0) {
      return compare(Evr.parse(a), Evr.parse(b));
    }
    int colonA = (int) (sa >>> 32) - 1;
    int dashA = (int) sa - 1;
    int colonB = (int) (sb >>> 32) - 1;
    int dashB = (int) sb - 1;
    // epochs (absent = 0) as numbers: digits only, at most 18 of them (split checked)
    int ea = 0;
    int eb = 0;
    while (ea < colonA && a.charAt(ea) == '0') {
      ea++;
    }
    while (eb < colonB && b.charAt(eb) == '0') {
      eb++;
    }
    int la = Math.max(colonA, 0) - ea;
    int lb = Math.max(colonB, 0) - eb;
    if (la != lb) {
      return la > lb ? 1 : -1;
    }
    int rc = la == 0 ? 0 : compareRange(a, ea, colonA, b, eb, colonB);
    if (rc != 0) {
      return rc;
    }
    int endA = dashA < 0 ? a.length() : dashA;
    int endB = dashB < 0 ? b.length() : dashB;
    rc = rpmvercmp(a, colonA + 1, endA, b, colonB + 1, endB);
    if (rc != 0) {
      return rc;
    }
    if (dashA >= 0 && dashB >= 0) {
      return rpmvercmp(a, dashA + 1, a.length(), b, dashB + 1, b.length());
    }
    if (dashA >= 0) {
      return 1;
    }
    return dashB >= 0 ? -1 : 0;
  }

  /**
   * Where {@link Evr#parse} would split a well-formed EVR of printable ASCII: {@code (colon + 1) <<
   * 32 | (dash + 1)}, -1 for a colon or dash that is not there; or -1 when the string is not such
   * an EVR (then {@link Evr#parse} decides, and throws).
   */
  private static long split(String s) {
    int n = s.length();
    int p = 0;
    while (p < n && isDigit(s.charAt(p))) {
      p++;
    }
    int colon = -1;
    if (p < n && s.charAt(p) == ':') {
      if (p == 0 || p > Evr.MAX_EPOCH_DIGITS) {
        return -1;
      }
      colon = p;
    }
    int dash = -1;
    boolean colonInVersion = false;
    for (int i = colon + 1; i < n; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return -1;
      }
      if (c == '-') {
        if (dash >= 0) {
          return -1; // a '-' in the version
        }
        dash = i;
      } else if (c == ':' && dash < 0) {
        colonInVersion = true;
      }
    }
    int versionEnd = dash < 0 ? n : dash;
    if (colonInVersion || versionEnd == colon + 1 || dash == n - 1) {
      return -1; // ':' in the version, empty version, empty release
    }
    return ((long) (colon + 1) << 32) | (dash + 1);
  }

  /**
   * {@code rpmvercmp} of two version (or release) strings, from rpm's {@code rpmio/rpmvercmp.c}.
   *
   * @return -1, 0 or 1
   */
  public static int rpmvercmp(String a, String b) {
    return rpmvercmp(a, 0, a.length(), b, 0, b.length());
  }

  /** {@link #rpmvercmp(String, String)} of {@code a[i, na)} and {@code b[j, nb)}. */
  private static int rpmvercmp(String a, int i, int na, String b, int j, int nb) {
    // "easy comparison to see if versions are identical"
    if (na - i == nb - j && a.regionMatches(i, b, j, na - i)) {
      return 0;
    }
    while (i < na || j < nb) {
      // skip separators: anything that is not alphanumeric, '~' or '^' (rpmvercmp.c: "loop through
      // each version segment of str1 and str2 and compare them")
      while (i < na && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < nb && isSeparator(b.charAt(j))) {
        j++;
      }
      char ca = i < na ? a.charAt(i) : 0;
      char cb = j < nb ? b.charAt(j) : 0;
      // "handle the tilde separator, it sorts before everything else"
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      // "Handle caret separator. Concept is the same as tilde, except that if one of the strings
      // ends (base version), the other is considered as higher version."
      if (ca == '^' || cb == '^') {
        if (i >= na) {
          return -1;
        }
        if (j >= nb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      // "If we ran to the end of either, we are finished with the loop"
      if (i >= na || j >= nb) {
        break;
      }
      int si = i;
      int sj = j;
      boolean numeric = isDigit(ca);
      if (numeric) {
        while (i < na && isDigit(a.charAt(i))) {
          i++;
        }
        while (j < nb && isDigit(b.charAt(j))) {
          j++;
        }
      } else {
        while (i < na && isAlpha(a.charAt(i))) {
          i++;
        }
        while (j < nb && isAlpha(b.charAt(j))) {
          j++;
        }
      }
      // "this cannot happen, as we previously tested to make sure that the first string has a
      // non-null segment"
      if (si == i) {
        return -1;
      }
      // "take care of the case where the two version segments are different types: one numeric,
      // the other alpha (i.e. empty). numeric segments are always newer than alpha segments"
      if (sj == j) {
        return numeric ? 1 : -1;
      }
      int rc;
      if (numeric) {
        // "throw away any leading zeros - it's a number, right?"
        while (si < i && a.charAt(si) == '0') {
          si++;
        }
        while (sj < j && b.charAt(sj) == '0') {
          sj++;
        }
        // "whichever number has more digits wins"
        int la = i - si;
        int lb = j - sj;
        if (la != lb) {
          return la > lb ? 1 : -1;
        }
      }
      rc = compareRange(a, si, i, b, sj, j);
      if (rc != 0) {
        return rc;
      }
    }
    // "this catches the case where all numeric and alpha segments have compared identically but
    // the segment separating characters were different"
    boolean endA = i >= na;
    boolean endB = j >= nb;
    if (endA && endB) {
      return 0;
    }
    // "whichever version still has characters left over wins"
    return endA ? -1 : 1;
  }

  /** strcmp of two ASCII ranges. */
  private static int compareRange(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae && bi < be) {
      char x = a.charAt(ai++);
      char y = b.charAt(bi++);
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    int la = ae - ai;
    int lb = be - bi;
    return la == lb ? 0 : (la > lb ? 1 : -1);
  }

  // rpm's risdigit/risalpha (rpmio/rpmstring.h) are ASCII-only; every other char separates.
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSeparator(char c) {
    return !isDigit(c) && !isAlpha(c) && c != '~' && c != '^';
  }
}
