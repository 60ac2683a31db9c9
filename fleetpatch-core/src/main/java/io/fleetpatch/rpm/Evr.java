package io.fleetpatch.rpm;

import java.util.Objects;

/**
 * An rpm epoch:version-release. The epoch is absent ({@code null}, compared as 0) or a non-negative
 * number; the release may be absent ({@code null}). Ordering is rpm's ({@link
 * RpmVersions#compare}).
 *
 * <p>{@link #parse(String)} and {@link #toString()} round-trip: an absent epoch is not written, an
 * explicit one (even {@code 0:}) is.
 */
public record Evr(Long epoch, String version, String release) implements Comparable<Evr> {
  public Evr {
    if (epoch != null && epoch < 0) {
      throw new IllegalArgumentException("negative epoch " + epoch);
    }
    Objects.requireNonNull(version, "version");
    if (version.isEmpty() || version.indexOf('-') >= 0 || version.indexOf(':') >= 0) {
      throw new IllegalArgumentException("bad version '" + version + "'");
    }
    if (release != null && (release.isEmpty() || release.indexOf('-') >= 0)) {
      throw new IllegalArgumentException("bad release '" + release + "'");
    }
  }

  public static Evr of(String version, String release) {
    return new Evr(null, version, release);
  }

  public static Evr of(long epoch, String version, String release) {
    return new Evr(epoch, version, release);
  }

  /**
   * Parses {@code [epoch:]version[-release]} the way rpm's {@code parseEVR} (lib/rpmds.c) splits
   * it: the epoch is the leading digits before a ':', the release is what follows the last '-'.
   *
   * @throws IllegalArgumentException quoting the input when it is not an EVR
   */
  public static Evr parse(String s) {
    Objects.requireNonNull(s, "evr");
    int p = 0;
    while (p < s.length() && RpmVersions.isDigit(s.charAt(p))) {
      p++;
    }
    Long epoch = null;
    String rest = s;
    if (p < s.length() && s.charAt(p) == ':') {
      if (p == 0) {
        throw new IllegalArgumentException("empty epoch in '" + s + "'");
      }
      if (p > 18) {
        throw new IllegalArgumentException("epoch too large in '" + s + "'");
      }
      epoch = Long.parseLong(s, 0, p, 10);
      rest = s.substring(p + 1);
    }
    int dash = rest.lastIndexOf('-');
    String version = dash < 0 ? rest : rest.substring(0, dash);
    String release = dash < 0 ? null : rest.substring(dash + 1);
    if (version.isEmpty()) {
      throw new IllegalArgumentException("empty version in '" + s + "'");
    }
    if (release != null && release.isEmpty()) {
      throw new IllegalArgumentException("empty release in '" + s + "'");
    }
    if (version.indexOf('-') >= 0 || version.indexOf(':') >= 0) {
      throw new IllegalArgumentException("not an EVR: '" + s + "'");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException("control or space character in '" + s + "'");
      }
    }
    return new Evr(epoch, version, release);
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
