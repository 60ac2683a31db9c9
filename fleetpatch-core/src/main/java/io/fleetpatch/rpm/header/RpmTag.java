package io.fleetpatch.rpm.header;

/**
 * The header tag numbers this reader uses, from rpm's include/rpm/rpmtag.h ({@code enum rpmTag_e})
 * and lib/header_internal.h / include/rpm/header.h (region tags).
 */
public final class RpmTag {
  private RpmTag() {}

  /** header.h {@code HEADER_IMAGE}: region tag of a legacy header image. */
  public static final int HEADER_IMAGE = 61;

  /** header.h {@code HEADER_SIGNATURES}: region tag of a signature header. */
  public static final int HEADER_SIGNATURES = 62;

  /** header.h {@code HEADER_IMMUTABLE}: region tag of a package header (rpmdb blobs). */
  public static final int HEADER_IMMUTABLE = 63;

  /** header.h {@code HEADER_REGIONS}: end of the region tag range. */
  public static final int HEADER_REGIONS = 64;

  /** header.h {@code HEADER_I18NTABLE}: the first non-region tag; smaller tags are invalid. */
  public static final int HEADER_I18NTABLE = 100;

  /**
   * rpmtag.h {@code RPMTAG_SIGPGP = RPMTAG_SIG_BASE + 3} (256 + 3): OpenPGP signature of
   * header+payload.
   */
  public static final int SIGPGP = 259;

  /**
   * rpmtag.h {@code RPMTAG_SIGGPG = RPMTAG_SIG_BASE + 6}: GnuPG (DSA) signature of header+payload.
   */
  public static final int SIGGPG = 262;

  /** rpmtag.h {@code RPMTAG_DSAHEADER = RPMTAG_SIG_BASE + 11}: DSA signature of the header. */
  public static final int DSAHEADER = 267;

  /** rpmtag.h {@code RPMTAG_RSAHEADER = RPMTAG_SIG_BASE + 12}: RSA signature of the header. */
  public static final int RSAHEADER = 268;

  /** rpmtag.h {@code RPMTAG_NAME = 1000} (string). */
  public static final int NAME = 1000;

  /** rpmtag.h {@code RPMTAG_VERSION = 1001} (string). */
  public static final int VERSION = 1001;

  /** rpmtag.h {@code RPMTAG_RELEASE = 1002} (string). */
  public static final int RELEASE = 1002;

  /** rpmtag.h {@code RPMTAG_EPOCH = 1003} (int32). */
  public static final int EPOCH = 1003;

  /** rpmtag.h {@code RPMTAG_INSTALLTIME = 1008} (int32, seconds). */
  public static final int INSTALLTIME = 1008;

  /** rpmtag.h {@code RPMTAG_VENDOR = 1011} (string). */
  public static final int VENDOR = 1011;

  /** rpmtag.h {@code RPMTAG_ARCH = 1022} (string). */
  public static final int ARCH = 1022;

  /** rpmtag.h {@code RPMTAG_SOURCERPM = 1044} (string). */
  public static final int SOURCERPM = 1044;
}
