package io.fleetpatch.rpm.db;

/**
 * The on-disk formats of rpm's package database, told apart by their magic bytes ({@link
 * #detect(byte[])}).
 */
public enum RpmdbFormat {
  /**
   * {@code rpmdb.sqlite} (rpm >= 4.16 lib/backend/sqlite.c; Fedora >= 33, RHEL 9, AL2023): the
   * 16-byte header string "SQLite format 3\0" (sqlite.org/fileformat2.html §1.3).
   */
  SQLITE("rpmdb.sqlite"),
  /**
   * Berkeley DB hash {@code Packages} (rpm < 4.16 lib/backend/db3.c, read by bdb_ro.c; AL2, CentOS
   * 7, RHEL 8): the hash meta page's magic 0x061561 at byte 12, in either byte order (libdb
   * dbinc/db_page.h {@code HASHMAGIC}, {@code HASHMETA.dbmeta.magic}).
   */
  BDB_HASH("Packages"),
  /**
   * NDB {@code Packages.db} (SUSE; rpm lib/backend/ndb/rpmpkg.c): "RpmP" at byte 0 ({@code
   * PKGDB_MAGIC ('R' | 'p' << 8 | 'm' << 16 | 'P' << 24)}, little endian).
   */
  NDB("Packages.db");

  /** The file name rpm gives the package database in this format. */
  public final String fileName;

  RpmdbFormat(String fileName) {
    this.fileName = fileName;
  }

  /** libdb dbinc/db_page.h: {@code #define DB_HASHMAGIC 0x061561}. */
  static final int HASH_MAGIC = 0x061561;

  /** libdb dbinc/db_page.h: {@code #define DB_BTREEMAGIC 0x053162} (rpm's secondary indexes). */
  static final int BTREE_MAGIC = 0x053162;

  /** The format whose magic {@code head} (the first bytes of a file) starts with, or null. */
  public static RpmdbFormat detect(byte[] head) {
    if (startsWith(head, "SQLite format 3\0")) {
      return SQLITE;
    }
    if (startsWith(head, "RpmP")) {
      return NDB;
    }
    if (magicAt12(head) == HASH_MAGIC) {
      return BDB_HASH;
    }
    return null;
  }

  /** Whether {@code head} is a Berkeley DB btree file (an rpm index such as Name, not Packages). */
  public static boolean isBdbBtree(byte[] head) {
    return magicAt12(head) == BTREE_MAGIC;
  }

  private static int magicAt12(byte[] h) {
    if (h.length < 16) {
      return -1;
    }
    int le = (h[12] & 0xff) | (h[13] & 0xff) << 8 | (h[14] & 0xff) << 16 | (h[15] & 0xff) << 24;
    int be = (h[15] & 0xff) | (h[14] & 0xff) << 8 | (h[13] & 0xff) << 16 | (h[12] & 0xff) << 24;
    if (le == HASH_MAGIC || be == HASH_MAGIC) {
      return HASH_MAGIC;
    }
    if (le == BTREE_MAGIC || be == BTREE_MAGIC) {
      return BTREE_MAGIC;
    }
    return -1;
  }

  private static boolean startsWith(byte[] h, String ascii) {
    if (h.length < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (h[i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
