package io.fleetpatch.rpm.header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed and validated rpm header blob, as rpm's package databases store it (lib/header.c {@code
 * headerExport} layout, without the 8-byte header magic): a big-endian intro {@code il} (number of
 * index entries) and {@code dl} (data length), {@code il} index entries of 16 bytes ({@code struct
 * entryInfo_s}: tag, type, offset, count; lib/header_internal.h), then {@code dl} bytes of data.
 * The first entry is normally a region tag (HEADER_IMMUTABLE) whose trailer marks the original,
 * signed part; entries after the region ("dribble", added at install time) replace region entries
 * of the same tag, as {@code hdrblobImport} does.
 *
 * <p>Every check of {@code hdrblobInit}, {@code hdrblobVerifyRegion} and {@code hdrblobVerifyInfo}
 * (rpm 4.18 lib/header.c) is made before any data is read, so a hostile blob can neither read out
 * of bounds nor make us allocate more than its own size.
 */
public final class Header {
  /** lib/header_internal.h {@code HEADER_TAGS_MAX 0x0000ffff}: at most 65535 index entries. */
  static final long HEADER_TAGS_MAX = 0xffff;

  /** lib/header_internal.h {@code HEADER_DATA_MAX 0x0fffffff}: at most 256 MB of data. */
  static final long HEADER_DATA_MAX = 0x0fffffff;

  /** lib/header_internal.h {@code REGION_TAG_COUNT sizeof(struct entryInfo_s)}. */
  static final int ENTRY_SIZE = 16;

  private final byte[] blob;
  private final int dataStart;
  private final Map<Integer, Entry> entries;

  /** One index entry, validated: its data lies in {@code [offset, offset + length)}. */
  record Entry(int tag, TagType type, int offset, int count, int length) {}

  private Header(byte[] blob, int dataStart, Map<Integer, Entry> entries) {
    this.blob = blob;
    this.dataStart = dataStart;
    this.entries = entries;
  }

  /**
   * Parses {@code blob} (not copied: the caller must not change it).
   *
   * @throws HeaderFormatException naming the rule the blob breaks and the entry or offset
   */
  public static Header parse(byte[] blob) {
    if (blob.length < 8) {
      throw new HeaderFormatException("header blob of " + blob.length + " bytes: no il/dl intro");
    }
    long il = u32(blob, 0);
    long dl = u32(blob, 4);
    // hdrblobVerifyLengths: il and dl within HEADER_TAGS_MAX / HEADER_DATA_MAX
    if (il > HEADER_TAGS_MAX) {
      throw new HeaderFormatException("header claims " + il + " index entries (at most 65535)");
    }
    if (dl > HEADER_DATA_MAX) {
      throw new HeaderFormatException("header claims " + dl + " data bytes (at most 256 MB)");
    }
    // hdrblobInit: the blob is exactly 8 + 16 * il + dl bytes
    long pvlen = 8 + ENTRY_SIZE * il + dl;
    if (pvlen != blob.length) {
      throw new HeaderFormatException(
          "header size: 8 + 16 * il("
              + il
              + ") + dl("
              + dl
              + ") = "
              + pvlen
              + " but the blob has "
              + blob.length
              + " bytes");
    }
    if (il < 1) {
      throw new HeaderFormatException("header has no index entries"); // "region: no tags"
    }
    int nil = (int) il;
    int ndl = (int) dl;
    int dataStart = 8 + ENTRY_SIZE * nil;

    // hdrblobVerifyRegion
    int regionTag = 0;
    long rdl = 0;
    int firstTag = (int) u32(blob, 8);
    if (firstTag == RpmTag.HEADER_SIGNATURES
        || firstTag == RpmTag.HEADER_IMMUTABLE
        || firstTag == RpmTag.HEADER_IMAGE) {
      regionTag = firstTag;
      long type = u32(blob, 12);
      long off = s32(blob, 16);
      long count = u32(blob, 20);
      if (type != TagType.BIN.ordinal() || count != ENTRY_SIZE) {
        throw new HeaderFormatException(
            "region tag " + regionTag + ": type " + type + " count " + count + " (expected 7, 16)");
      }
      if (off < 0 || off + ENTRY_SIZE > dl) {
        throw new HeaderFormatException(
            "region tag "
                + regionTag
                + ": trailer offset "
                + off
                + " outside the data ("
                + dl
                + " bytes)");
      }
      int t = dataStart + (int) off;
      long ttag = u32(blob, t);
      long ttype = u32(blob, t + 4);
      long toff = -s32(blob, t + 8);
      long tcount = u32(blob, t + 12);
      // "Some old packages have HEADERIMAGE in signature region trailer, fix up"
      if (regionTag == RpmTag.HEADER_SIGNATURES && ttag == RpmTag.HEADER_IMAGE) {
        ttag = RpmTag.HEADER_SIGNATURES;
      }
      if (ttag != regionTag || ttype != TagType.BIN.ordinal() || tcount != ENTRY_SIZE) {
        throw new HeaderFormatException(
            "region trailer: tag "
                + ttag
                + " type "
                + ttype
                + " count "
                + tcount
                + " (expected "
                + regionTag
                + ", 7, 16)");
      }
      long ril = toff / ENTRY_SIZE;
      rdl = off + ENTRY_SIZE;
      if (toff % ENTRY_SIZE != 0 || ril < 0 || ril > il) {
        throw new HeaderFormatException(
            "region size: trailer offset " + (-toff) + " gives " + ril + " of " + il + " entries");
      }
    }

    // hdrblobVerifyInfo
    Map<Integer, Entry> entries = new HashMap<>(nil * 2);
    long end = 0;
    for (int i = regionTag != 0 ? 1 : 0; i < nil; i++) {
      int e = 8 + ENTRY_SIZE * i;
      long tag = u32(blob, e);
      long typeCode = u32(blob, e + 4);
      long offset = s32(blob, e + 8);
      long count = u32(blob, e + 12);
      String what =
          "index entry "
              + i
              + " (tag "
              + tag
              + ", type "
              + typeCode
              + ", offset "
              + offset
              + ", count "
              + count
              + ")";
      if (tag < RpmTag.HEADER_I18NTABLE || tag > Integer.MAX_VALUE) {
        throw new HeaderFormatException(what + ": bad tag number");
      }
      TagType type = TagType.of(typeCode);
      if (type == null) {
        throw new HeaderFormatException(what + ": bad type");
      }
      if (count > HEADER_DATA_MAX) {
        throw new HeaderFormatException(what + ": count too large");
      }
      if (offset % type.align != 0) {
        throw new HeaderFormatException(what + ": offset not aligned to " + type.align);
      }
      if (offset < 0 || offset > dl) {
        throw new HeaderFormatException(what + ": offset outside the data (" + dl + " bytes)");
      }
      // "Previous data must not overlap"
      if (end > offset) {
        throw new HeaderFormatException(
            what + ": data overlaps the previous entry's (ends at " + end + ")");
      }
      long len = dataLength(blob, dataStart, ndl, type, (int) offset, count);
      if (len < 0) {
        throw new HeaderFormatException(what + ": data runs past the end of the header");
      }
      end = offset + len;
      if (regionTag != 0 && end > rdl - ENTRY_SIZE && offset < rdl) {
        throw new HeaderFormatException(what + ": data overlaps the region trailer");
      }
      entries.put((int) tag, new Entry((int) tag, type, (int) offset, (int) count, (int) len));
    }
    return new Header(blob, dataStart, entries);
  }

  /**
   * lib/header.c {@code dataLength}: bytes taken by {@code count} elements of {@code type} at
   * {@code offset}, or -1 when they do not fit in the data; strings must be NUL-terminated inside
   * it, and a STRING has count 1.
   */
  private static long dataLength(
      byte[] blob, int dataStart, int dl, TagType type, int offset, long count) {
    if (type.size >= 0) {
      long len = type.size * count;
      return len <= dl - offset ? len : -1;
    }
    if (type == TagType.STRING && count != 1) {
      return -1;
    }
    int p = dataStart + offset;
    int limit = dataStart + dl;
    for (long n = 0; n < count; n++) {
      while (p < limit && blob[p] != 0) {
        p++;
      }
      if (p >= limit) {
        return -1;
      }
      p++;
    }
    return p - (dataStart + offset);
  }

  /** Whether the header has {@code tag}. */
  public boolean has(int tag) {
    return entries.containsKey(tag);
  }

  /**
   * The string value of {@code tag} (the first element of a string array or i18n string, as
   * headerGetString returns it).
   */
  public Optional<String> string(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return Optional.empty();
    }
    if (e.type != TagType.STRING
        && e.type != TagType.STRING_ARRAY
        && e.type != TagType.I18NSTRING) {
      throw new HeaderFormatException("tag " + tag + " has type " + e.type + ", expected a string");
    }
    int from = dataStart + e.offset;
    int to = from;
    while (blob[to] != 0) {
      to++;
    }
    return Optional.of(new String(blob, from, to - from, StandardCharsets.UTF_8));
  }

  /** The first value of an INT32 (or INT16/INT8/INT64) tag, unsigned. */
  public OptionalLong number(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return OptionalLong.empty();
    }
    int p = dataStart + e.offset;
    return switch (e.type) {
      case INT32 -> OptionalLong.of(u32(blob, p));
      case INT16 -> OptionalLong.of(((blob[p] & 0xff) << 8) | (blob[p + 1] & 0xff));
      case INT8, CHAR -> OptionalLong.of(blob[p] & 0xff);
      case INT64 -> {
        long v = (u32(blob, p) << 32) | u32(blob, p + 4);
        if (v < 0) {
          throw new HeaderFormatException(
              "tag " + tag + " value does not fit a signed 64-bit number");
        }
        yield OptionalLong.of(v);
      }
      default ->
          throw new HeaderFormatException(
              "tag " + tag + " has type " + e.type + ", expected a number");
    };
  }

  /** The bytes of a BIN tag. */
  public Optional<byte[]> binary(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return Optional.empty();
    }
    if (e.type != TagType.BIN) {
      throw new HeaderFormatException("tag " + tag + " has type " + e.type + ", expected binary");
    }
    byte[] out = new byte[e.length];
    System.arraycopy(blob, dataStart + e.offset, out, 0, e.length);
    return Optional.of(out);
  }

  static long u32(byte[] b, int p) {
    return ((b[p] & 0xffL) << 24)
        | ((b[p + 1] & 0xffL) << 16)
        | ((b[p + 2] & 0xffL) << 8)
        | (b[p + 3] & 0xffL);
  }

  private static long s32(byte[] b, int p) {
    return (int) u32(b, p);
  }
}
