package io.fleetpatch.rpm.header;

/**
 * Header data types ({@code rpmTagType_e} in include/rpm/rpmtag.h), with the element size and
 * alignment of lib/header.c's {@code typeSizes[]} and {@code typeAlign[]}.
 */
public enum TagType {
  NULL(0, 1),
  CHAR(1, 1),
  INT8(1, 1),
  INT16(2, 2),
  INT32(4, 4),
  INT64(8, 8),
  /** One NUL-terminated string; its count must be 1. */
  STRING(-1, 1),
  BIN(1, 1),
  /** {@code count} NUL-terminated strings. */
  STRING_ARRAY(-1, 1),
  /** {@code count} NUL-terminated strings, one per locale. */
  I18NSTRING(-1, 1);

  /** Bytes per element, or -1 for NUL-terminated strings. */
  final int size;

  /** Required alignment of the data offset. */
  final int align;

  TagType(int size, int align) {
    this.size = size;
    this.align = align;
  }

  /** The type numbered {@code code} (RPM_MIN_TYPE 0 .. RPM_MAX_TYPE 9), or null. */
  static TagType of(long code) {
    return code >= 0 && code < values().length ? values()[(int) code] : null;
  }
}
