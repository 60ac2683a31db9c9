package io.fleetpatch.rpm;

import java.util.Objects;

/**
 * An rpm epoch:version-release. The epoch is absent ({@code null}, compared as 0) or a non-negative
 * number; the release may be absent ({@code null}), and then sorts below any release. Ordering is
 * librpm's ({@link RpmVersions#compare}); note that it is coarser than {@link #equals}: {@code
 * 0:1.0-1}, {@code 1.0-1} and {@code 1.00-1} are different records that compare as 0 ({@link
 * #sameAs}).
 *
 * <p>Valid parts: the version is non-empty without {@code '-'} or {@code ':'}; the release, when
 * present, is non-empty without {@code '-'}; neither holds whitespace or control characters. rpm
 * itself ({@code lib/rpmver.c parseEVR}) would also split {@code "1:"}, {@code "1.0-"} or {@code
 * "a-b-c"}; those are rejected here as not being the EVR of any package rpmbuild can make.
 *
 * <p>{@link #parse(String)} and {@link #toString()} round-trip: {@code parse(e.toString())} equals
 * {@code e}. An absent epoch is not written, an explicit one (even {@code 0:}) is.
 */
public record Evr(Long epoch, String version, String release) implements Comparable<Evr> {
  /**
   * Largest epoch (18 digits, so that it fits a long and round-trips through {@link #parse}). rpm
   * headers store the epoch as an unsigned 32-bit number ({@code RPMTAG_EPOCH}, INT32).
   */
  public static final long MAX_EPOCH = 999_999_999_999_999_999L;

  static final int MAX_EPOCH_DIGITS = 18;

  public Evr {
    if (epoch != null && epoch < 0) {
      throw new IllegalArgumentException("negative epoch " + epoch);
    }
    if (epoch != null && epoch > MAX_EPOCH) {
      throw new IllegalArgumentException("epoch out of range: " + epoch);
    }
    Objects.requireNonNull(version, "version");
    String bad = invalidPart(version, true);
    if (bad != null) {
      throw new IllegalArgumentException("bad version " + Quote.of(version) + " (" + bad + ")");
    }
    if (release != null) {
      bad = invalidPart(release, false);
      if (bad != null) {
        throw new IllegalArgumentException("bad release " + Quote.of(release) + " (" + bad + ")");
      }
    }
  }

  public static Evr of(String version, String release) {
    return new Evr(null, version, release);
  }

  public static Evr of(long epoch, String version, String release) {
    return new Evr(epoch, version, release);
  }

  /**
   * Parses {@code [epoch:]version[-release]} the way rpm's {@code parseEVR} (rpm 4.18 {@code
   * lib/rpmver.c}, the same split as {@code lib/rpmds.c}) splits it: the epoch is the leading
   * digits before a ':', the release is what follows the last '-'.
   *
   * @throws IllegalArgumentException quoting the input when it is not an EVR
   */
  public static Evr parse(String s) {
    Objects.requireNonNull(s, "evr");
    // parseEVR: "while (*s && risdigit(*s)) s++;	/* s points to epoch terminator */"
    int p = 0;
    while (p < s.length() && RpmVersions.isDigit(s.charAt(p))) {
      p++;
    }
    Long epoch = null;
    int start = 0;
    if (p < s.length() && s.charAt(p) == ':') {
      if (p == 0) {
        // parseEVR would read ":1.0" as epoch "0"; no package header has an empty epoch.
        throw notEvr(s, "empty epoch");
      }
      int z = 0;
      while (z < p - 1 && s.charAt(z) == '0') {
        z++;
      }
      if (p - z > MAX_EPOCH_DIGITS) {
        throw notEvr(s, "epoch too large");
      }
      epoch = Long.parseLong(s, z, p, 10);
      start = p + 1;
    }
    // parseEVR: "se = strrchr(s, '-');	/* se points to version terminator */"
    int dash = s.lastIndexOf('-');
    String version = dash < start ? s.substring(start) : s.substring(start, dash);
    String release = dash < start ? null : s.substring(dash + 1);
    if (version.isEmpty()) {
      throw notEvr(s, "empty version");
    }
    if (release != null && release.isEmpty()) {
      throw notEvr(s, "empty release");
    }
    try {
      return new Evr(epoch, version, release); // checks the characters
    } catch (IllegalArgumentException e) {
      throw notEvr(s, e.getMessage());
    }
  }

  private static IllegalArgumentException notEvr(String s, String why) {
    return new IllegalArgumentException(
        "not an EVR ([epoch:]version[-release]): " + Quote.of(s) + " (" + why + ")");
  }

  /** Why {@code s} cannot be a version (or release), or null when it can. */
  private static String invalidPart(String s, boolean isVersion) {
    if (s.isEmpty()) {
      return "empty";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return "space or control character";
      }
      if (c == '-') {
        return "'-'";
      }
      if (c == ':' && isVersion) {
        return "':'";
      }
    }
    return null;
  }

  public long epochOrZero() {
    return epoch == null ? 0 : epoch;
  }

  public String releaseOrEmpty() {
    return release == null ? "" : release;
  }

  /** {@code epoch:version-release} with the epoch always written (0 when absent). */
  public String toFullString() {
    return epochOrZero() + ":" + version + (release == null ? "" : "-" + release);
  }

  @Override
  public int compareTo(Evr o) {
    return RpmVersions.compare(this, o);
  }

  /** Equal as rpm compares, which ignores an explicit {@code 0:} and leading zeros. */
  public boolean sameAs(Evr o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    return (epoch == null ? "" : epoch + ":") + version + (release == null ? "" : "-" + release);
  }
}
