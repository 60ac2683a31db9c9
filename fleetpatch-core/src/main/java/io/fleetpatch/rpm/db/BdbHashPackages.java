package io.fleetpatch.rpm.db;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a Berkeley DB hash {@code Packages} file (rpm < 4.16; AL2, CentOS 7, RHEL 8) without libdb,
 * the way rpm 4.18's read-only backend lib/backend/bdb_ro.c does: the hash meta page gives the page
 * size, last page, max bucket and the spares table; every bucket's page chain is walked ({@code
 * hash_next}), each key/data pair read ({@code hash_getkv}), big data from overflow page chains
 * ({@code ovfl_get}). Key = header instance as a 4-byte integer in the file's byte order; key 0
 * holds the largest instance number allocated (rpm lib/rpmdb.c {@code pkgInstance}) and is skipped.
 * Either byte order is read (the meta magic tells which).
 *
 * <p>Hostile files: every page number is checked against the meta page's last page and the file
 * size; a page may be visited only once (a cycle in a bucket or overflow chain is a problem, not a
 * hang); an overflow length is checked against the file size before anything is allocated.
 */
final class BdbHashPackages {
  // libdb dbinc/db_page.h page types
  static final int P_HASH_UNSORTED = 2;
  static final int P_OVERFLOW = 7;
  static final int P_HASHMETA = 8;
  static final int P_HASH = 13;

  // libdb dbinc/db_page.h hash item types
  static final int H_KEYDATA = 1;
  static final int H_OFFPAGE = 3;

  /** libdb dbinc/db_page.h {@code SIZEOF_PAGE}: the page header is 26 bytes. */
  static final int PAGE_HEADER = 26;

  private final String file;
  private final RandomAccessBytes ch;
  private final long fileSize;
  private ByteOrder order;
  private int pageSize;
  private long lastPage;
  private final BitSet visited = new BitSet();

  private BdbHashPackages(String file, RandomAccessBytes ch) throws IOException {
    this.file = file;
    this.ch = ch;
    this.fileSize = ch.size();
  }

  static List<HeaderBlob> read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new BdbHashPackages(file.toString(), RandomAccessBytes.of(ch)).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a {@code Packages} file held in memory; {@code name} names it in problems. */
  static List<HeaderBlob> read(String name, byte[] bytes) {
    try {
      return new BdbHashPackages(name, RandomAccessBytes.of(bytes)).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProblemException problem(String where, String message) {
    return new ProblemException(Problem.at(file, where, message));
  }

  private List<HeaderBlob> readAll() throws IOException {
    // bdb_open: the generic meta header (dbmeta33) and the hash meta (hashmeta33), 512 bytes
    if (fileSize < 512) {
      throw problem(
          "", "Berkeley DB file of " + fileSize + " bytes: shorter than its 512-byte meta page");
    }
    ByteBuffer meta = ByteBuffer.allocate(512);
    readFully(meta, 0, "meta page");
    meta.order(ByteOrder.LITTLE_ENDIAN);
    int magic = meta.getInt(12);
    if (magic == RpmdbFormat.HASH_MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (Integer.reverseBytes(magic) == RpmdbFormat.HASH_MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw problem("meta page", "not a Berkeley DB hash database (magic " + hex(magic) + ")");
    }
    meta.order(order);
    long version = Integer.toUnsignedLong(meta.getInt(16));
    // bdb_ro.c bdb_open: "unsupported hash version" outside 8..10
    if (version < 8 || version > 10) {
      throw problem("meta page", "unsupported Berkeley DB hash version " + version);
    }
    long ps = Integer.toUnsignedLong(meta.getInt(20));
    // libdb: page sizes are powers of two from 512 (DB_MIN_PGSIZE) to 65536 (DB_MAX_PGSIZE)
    if (ps < 512 || ps > 65536 || Long.bitCount(ps) != 1) {
      throw problem("meta page", "bad page size " + ps);
    }
    pageSize = (int) ps;
    lastPage = Integer.toUnsignedLong(meta.getInt(32));
    if ((lastPage + 1) * pageSize > fileSize) {
      throw problem(
          "meta page",
          "last page "
              + lastPage
              + " of "
              + pageSize
              + " bytes lies beyond the end of the file ("
              + fileSize
              + " bytes): truncated");
    }
    long maxBucket = Integer.toUnsignedLong(meta.getInt(72));
    long[] spares = new long[32];
    for (int i = 0; i < 32; i++) {
      spares[i] = Integer.toUnsignedLong(meta.getInt(96 + 4 * i));
    }
    if (maxBucket > lastPage) {
      throw problem("meta page", "max bucket " + maxBucket + " exceeds the last page " + lastPage);
    }
    visited.set(0);

    List<HeaderBlob> out = new ArrayList<>();
    ByteBuffer page = ByteBuffer.allocate(pageSize).order(order);
    ByteBuffer ovPage = ByteBuffer.allocate(pageSize).order(order);
    long zeroBucket = -1;
    for (long bucket = 0; bucket <= maxBucket; bucket++) {
      // bdb_ro.c hash_bucket_to_page: bucket + spares[number of bits in bucket]
      int bits = 64 - Long.numberOfLeadingZeros(bucket);
      long pg = bucket + spares[bits];
      String chain = "bucket " + bucket;
      if (pg <= lastPage && isZeroPage(page, pg)) {
        // libdb allocates bucket pages without writing them: an all-zero page is an empty
        // bucket of a database that never held a record (snyk's rpm4_empty fixture). rpm's
        // bdb_ro refuses such a file; we accept it only if no page holds an item or overflow
        // data (checked below), so a zeroed page of a real database is still a problem.
        zeroBucket = pg;
        visited.set((int) pg);
        continue;
      }
      while (pg != 0) {
        getPage(page, pg, chain);
        int type = page.get(25) & 0xff;
        if (type != P_HASH && type != P_HASH_UNSORTED && type != P_HASHMETA) {
          throw problem("page " + pg, chain + ": page of type " + type + ", expected a hash page");
        }
        int entries = page.getShort(20) & 0xffff;
        if (PAGE_HEADER + 2L * entries > pageSize) {
          throw problem(
              "page " + pg, entries + " items do not fit in a " + pageSize + "-byte page");
        }
        for (int idx = 0; idx + 1 < entries; idx += 2) {
          readPair(page, pg, idx, ovPage, out);
        }
        pg = Integer.toUnsignedLong(page.getInt(16)); // next_pgno
      }
    }
    if (zeroBucket >= 0) {
      for (long pg = 1; pg <= lastPage; pg++) {
        if (!isZeroPage(page, pg)
            && (page.get(25) == P_OVERFLOW || (page.getShort(20) & 0xffff) != 0)) {
          throw problem("page " + zeroBucket, "zeroed bucket page in a database that holds data");
        }
      }
    }
    return out;
  }

  private boolean isZeroPage(ByteBuffer buf, long pg) throws IOException {
    readFully(buf, pg * pageSize, "page " + pg);
    for (int i = 0; i < pageSize; i += 8) {
      if (buf.getLong(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** bdb_ro.c hash_next/hash_getkv: the key at {@code idx}, the data at {@code idx + 1}. */
  private void readPair(ByteBuffer page, long pg, int idx, ByteBuffer ovPage, List<HeaderBlob> out)
      throws IOException {
    int koff = page.getShort(PAGE_HEADER + 2 * idx) & 0xffff;
    int voff = page.getShort(PAGE_HEADER + 2 * idx + 2) & 0xffff;
    int kend = idx == 0 ? pageSize : page.getShort(PAGE_HEADER + 2 * idx - 2) & 0xffff;
    String where = "page " + pg + ", item " + idx;
    int minOff = PAGE_HEADER + 2 * (page.getShort(20) & 0xffff);
    if (koff < minOff
        || voff < minOff
        || koff >= pageSize
        || voff >= koff
        || kend > pageSize
        || kend <= koff) {
      throw problem(
          where,
          "item offsets out of order or outside the page (key "
              + koff
              + ".."
              + kend
              + ", data "
              + voff
              + ")");
    }
    byte[] key = item(page, pg, koff, kend - koff, ovPage, where + " (key)");
    if (key.length != 4) {
      throw problem(
          where, "key of " + key.length + " bytes; Packages keys are 4-byte instance numbers");
    }
    long instance = Integer.toUnsignedLong(ByteBuffer.wrap(key).order(order).getInt());
    if (instance == 0) {
      return; // pkgInstance()'s "largest instance so far" record
    }
    byte[] value = item(page, pg, voff, koff - voff, ovPage, where + " (data)");
    out.add(new HeaderBlob(instance, value));
  }

  private byte[] item(ByteBuffer page, long pg, int off, int len, ByteBuffer ovPage, String where)
      throws IOException {
    int type = page.get(off) & 0xff;
    if (type == H_KEYDATA) {
      byte[] b = new byte[len - 1];
      page.get(off + 1, b);
      return b;
    }
    if (type == H_OFFPAGE) {
      if (len != 12) {
        throw problem(where, "off-page item of " + len + " bytes, expected 12");
      }
      long first = Integer.toUnsignedLong(page.getInt(off + 4));
      long total = Integer.toUnsignedLong(page.getInt(off + 8));
      return overflow(first, total, ovPage, where);
    }
    throw problem(where, "item of type " + type + " (expected 1 = data or 3 = overflow)");
  }

  /** bdb_ro.c ovfl_get: {@code total} bytes from a chain of overflow pages. */
  private byte[] overflow(long pg, long total, ByteBuffer ov, String where) throws IOException {
    if (total == 0 || total > fileSize) {
      throw problem(where, "overflow length " + total + " for a file of " + fileSize + " bytes");
    }
    byte[] out = new byte[(int) total];
    int have = 0;
    while (have < total) {
      if (pg == 0) {
        throw problem(where, "overflow chain ends after " + have + " of " + total + " bytes");
      }
      getPage(ov, pg, where + " overflow chain");
      if ((ov.get(25) & 0xff) != P_OVERFLOW) {
        throw problem(
            "page " + pg, where + ": overflow chain reaches a page of type " + (ov.get(25) & 0xff));
      }
      int plen = ov.getShort(22) & 0xffff; // hf_offset holds the bytes on an overflow page
      if (plen + PAGE_HEADER > pageSize || plen > total - have) {
        throw problem("page " + pg, "overflow page claims " + plen + " bytes");
      }
      ov.get(PAGE_HEADER, out, have, plen);
      have += plen;
      if (plen == 0) {
        throw problem("page " + pg, "empty overflow page");
      }
      pg = Integer.toUnsignedLong(ov.getInt(16));
    }
    return out;
  }

  /** bdb_ro.c bdb_getpage: page {@code pg}, which must say it is page {@code pg}. */
  private void getPage(ByteBuffer buf, long pg, String chain) throws IOException {
    if (pg > lastPage) {
      throw problem(chain, "page " + pg + " beyond the last page " + lastPage);
    }
    if (visited.get((int) pg)) {
      throw problem("page " + pg, chain + ": page reached twice (a cycle in the page chains)");
    }
    visited.set((int) pg);
    readFully(buf, pg * pageSize, "page " + pg);
    long self = Integer.toUnsignedLong(buf.getInt(8));
    if (self != pg) {
      throw problem(
          "page " + pg, "page header says it is page " + self + " (zeroed or misplaced page)");
    }
  }

  private void readFully(ByteBuffer buf, long pos, String what) throws IOException {
    buf.clear();
    if (!ch.read(buf, pos)) {
      throw problem(what, "file ends before byte " + (pos + buf.capacity()) + ": truncated");
    }
    buf.flip();
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }
}
