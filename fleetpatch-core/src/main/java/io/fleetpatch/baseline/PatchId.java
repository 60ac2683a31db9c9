package io.fleetpatch.baseline;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a baseline's ApprovedPatches or RejectedPatches list. The formats SSM accepts on
 * Amazon Linux, RHEL and CentOS (UG approved-rejected-package-name-formats;
 * reference/ssm-patch-manager.md §3): a Bugzilla id (digits only), a CVE id, an advisory id ({@code
 * ALAS-2018-123}, {@code RHSA-2017:0864}), a full package name ({@code
 * example-pkg-0.710.10-2.7.abcd.x86_64}) or a name with one wildcard ({@code
 * example-pkg-*.abcd.x86_64}). {@link #parse(String)} and {@link #toString()} round-trip.
 *
 * <p>SSM's rejected list takes package names only; fleetpatch also accepts advisory and CVE ids
 * there (a documented extension).
 */
public record PatchId(Kind kind, String value) {
  /** What the entry names. */
  public enum Kind {
    CVE,
    ADVISORY,
    BUGZILLA,
    PACKAGE
  }

  // an advisory id: upper-case family, then a year and a sequence (ALAS2-2024-2377,
  // ALAS2KERNEL-5.10-2022-001, RHSA-2017:0864, ALINUX3-SA-2021:0002, ALAS2023LIVEPATCH-2024-001)
  private static final Pattern ADVISORY = Pattern.compile("[A-Z][A-Z0-9.-]*-\\d{4}[-:]\\d+");
  private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern BUGZILLA_ID = Pattern.compile("\\d+");

  /** Entries are 1-100 characters (API CreatePatchBaseline ApprovedPatches). */
  public static final int MAX_LENGTH = 100;

  public PatchId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * @throws IllegalArgumentException quoting the entry when it is empty, too long or a package
   *     pattern with more than one wildcard
   */
  public static PatchId parse(String s) {
    String v = s.strip();
    if (v.isEmpty() || v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("patch list entry must be 1-100 characters: '" + s + "'");
    }
    if (CVE_ID.matcher(v).matches()) {
      return new PatchId(Kind.CVE, v);
    }
    if (BUGZILLA_ID.matcher(v).matches()) {
      return new PatchId(Kind.BUGZILLA, v);
    }
    if (ADVISORY.matcher(v).matches()) {
      return new PatchId(Kind.ADVISORY, v);
    }
    if (v.indexOf('*') != v.lastIndexOf('*')) {
      // UG approved-rejected-package-name-formats: "names with one wildcard"
      throw new IllegalArgumentException("a package name may hold one wildcard only: '" + s + "'");
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) <= ' ') {
        throw new IllegalArgumentException("space in package name '" + s + "'");
      }
    }
    return new PatchId(Kind.PACKAGE, v);
  }

  /**
   * Whether the advisory is this entry: the same advisory id, one of its CVEs, one of its bugzilla
   * references, or one of its fixed packages ({@code name-version-release.arch}, also with the
   * epoch, or just {@code name} or {@code name.arch}).
   */
  public boolean matches(Advisory advisory) {
    return switch (kind) {
      case ADVISORY -> advisory.id().equals(value);
      case CVE -> advisory.cves().contains(value);
      case BUGZILLA ->
          advisory.references().stream()
              .anyMatch(r -> r.type().equals("bugzilla") && value.equals(bugzillaId(r)));
      case PACKAGE -> advisory.packages().stream().anyMatch(this::matchesPackage);
    };
  }

  private static String bugzillaId(Reference r) {
    return r.id();
  }

  private boolean matchesPackage(FixedPackage p) {
    String arch = p.arch() == null ? "" : "." + p.arch();
    String evr =
        p.fixed().version() + (p.fixed().release() == null ? "" : "-" + p.fixed().release());
    return Glob.matches(value, p.name())
        || Glob.matches(value, p.name() + arch)
        || Glob.matches(value, p.name() + "-" + evr + arch)
        || Glob.matches(value, p.name() + "-" + p.fixed().toFullString() + arch);
  }

  @Override
  public String toString() {
    return value;
  }
}
