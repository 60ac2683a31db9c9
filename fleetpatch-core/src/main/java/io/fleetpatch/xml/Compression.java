package io.fleetpatch.xml;

import java.util.Locale;

/**
 * The compressions repository metadata comes in, told apart by their magic bytes (the file name is
 * only a claim that is checked against them; see {@link SafeInput}).
 *
 * <ul>
 *   <li>gzip: {@code 1f 8b} (RFC 1952 §2.3.1, ID1 ID2)
 *   <li>bzip2: {@code "BZh"} followed by the block size '1'..'9' (bzip2 format, stream header)
 *   <li>xz: {@code fd 37 7a 58 5a 00} (xz file format 1.0.4 §2.1.1.1, Header Magic Bytes)
 *   <li>zstd: {@code 28 b5 2f fd} (RFC 8878 §3.1.1, Magic_Number 0xFD2FB528 little-endian)
 * </ul>
 *
 * createrepo_c writes any of them for updateinfo ({@code --compress-type}, createrepo_c
 * src/compression_wrapper.c {@code cr_detect_compression}, which also sniffs magic bytes).
 */
public enum Compression {
  NONE(""),
  GZIP(".gz"),
  BZIP2(".bz2"),
  XZ(".xz"),
  ZSTD(".zst");

  /** Bytes needed by {@link #detect}. */
  public static final int MAGIC_LENGTH = 6;

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  /** The usual file name suffix ({@code .gz}...), empty for {@link #NONE}. */
  public String suffix() {
    return suffix;
  }

  /** Detects the compression from the first bytes of a file ({@code length} of them valid). */
  public static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 4
        && head[0] == 'B'
        && head[1] == 'Z'
        && head[2] == 'h'
        && head[3] >= '1'
        && head[3] <= '9') {
      return BZIP2;
    }
    if (length >= 6
        && (head[0] & 0xff) == 0xfd
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      return XZ;
    }
    if (length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /**
   * The compression a file name claims by its suffix ({@code .gz}, {@code .gzip}, {@code .bz2},
   * {@code .xz}, {@code .zst}, {@code .zstd}), or {@link #NONE} when it claims none.
   */
  public static Compression claimedBy(String fileName) {
    String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz") || n.endsWith(".gzip")) {
      return GZIP;
    }
    if (n.endsWith(".bz2")) {
      return BZIP2;
    }
    if (n.endsWith(".xz")) {
      return XZ;
    }
    if (n.endsWith(".zst") || n.endsWith(".zstd")) {
      return ZSTD;
    }
    return NONE;
  }

  @Override
  public String toString() {
    return this == NONE ? "uncompressed" : name().toLowerCase(Locale.ROOT);
  }
}
