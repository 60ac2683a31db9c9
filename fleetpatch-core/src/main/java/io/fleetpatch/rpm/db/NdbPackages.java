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
import java.util.Comparator;
import java.util.List;
import java.util.zip.Adler32;

/**
 * Reads an NDB {@code Packages.db} (SUSE; rpm lib/backend/ndb/rpmpkg.c), little endian throughout:
 * a 32-byte header ({@code PKGDB_MAGIC} "RpmP", version 0, generation, slot page count, next
 * package index), slot pages of 4096 bytes holding 16-byte slots ("Slot", pkgidx, blkoff, blkcnt;
 * blkoff 0 = free), and blobs at {@code blkoff * 16}: a 16-byte head ("BlbS", pkgidx, timestamp,
 * length), the header blob, padding, and a 12-byte tail (adler32 of all before it, length, "BlbE").
 * Every check of {@code rpmpkgReadSlots} and {@code rpmpkgReadBlob} is made, including the adler32,
 * and overlapping blobs are refused.
 */
final class NdbPackages {
  /** rpmpkg.c {@code PKGDB_HEADER_SIZE}. */
  static final int HEADER_SIZE = 32;

  /** rpmpkg.c {@code SLOT_SIZE}, {@code BLK_SIZE}, {@code PAGE_SIZE}. */
  static final int SLOT_SIZE = 16;

  static final int BLK_SIZE = 16;
  static final int PAGE_SIZE = 4096;

  /** rpmpkg.c {@code BLOBHEAD_SIZE}, {@code BLOBTAIL_SIZE}. */
  static final int BLOBHEAD_SIZE = 16;

  static final int BLOBTAIL_SIZE = 12;

  static final int PKGDB_MAGIC = le("RpmP");
  static final int SLOT_MAGIC = le("Slot");
  static final int BLOBHEAD_MAGIC = le("BlbS");
  static final int BLOBTAIL_MAGIC = le("BlbE");

  private NdbPackages() {}

  private record Slot(long slotNo, long pkgIdx, long blkOff, long blkCnt) {}

  static List<HeaderBlob> read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file.toString(), RandomAccessBytes.of(ch));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a {@code Packages.db} held in memory; {@code name} names it in problems. */
  static List<HeaderBlob> read(String name, byte[] bytes) {
    try {
      return read(name, RandomAccessBytes.of(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HeaderBlob> read(String name, RandomAccessBytes ch) throws IOException {
    long size = ch.size();
    if (size < HEADER_SIZE) {
      throw new ProblemException(Problem.of(name, "NDB file of " + size + " bytes: no header"));
    }
    ByteBuffer head = readAt(ch, 0, HEADER_SIZE, name);
    if (head.getInt(0) != PKGDB_MAGIC) {
      throw new ProblemException(Problem.of(name, "no NDB magic 'RpmP'"));
    }
    long version = Integer.toUnsignedLong(head.getInt(4));
    if (version != 0) {
      throw new ProblemException(
          Problem.at(name, "header", "NDB version " + version + ", expected 0"));
    }
    long slotPages = Integer.toUnsignedLong(head.getInt(12));
    // rpmpkgReadSlots: the file is whole blocks, and the slot pages are inside it
    if (size % BLK_SIZE != 0) {
      throw new ProblemException(
          Problem.of(
              name, "file size " + size + " is not a multiple of " + BLK_SIZE + ": truncated"));
    }
    if (slotPages == 0 || slotPages * PAGE_SIZE > size) {
      throw new ProblemException(
          Problem.at(
              name,
              "header",
              slotPages + " slot pages do not fit in " + size + " bytes: truncated"));
    }
    long fileBlks = size / BLK_SIZE;
    long minBlkOff = slotPages * (PAGE_SIZE / BLK_SIZE);
    List<Slot> slots = new ArrayList<>();
    long slotNo = HEADER_SIZE / SLOT_SIZE;
    for (long page = 0; page < slotPages; page++) {
      ByteBuffer p = readAt(ch, page * PAGE_SIZE, PAGE_SIZE, name);
      for (int o = page == 0 ? HEADER_SIZE : 0; o < PAGE_SIZE; o += SLOT_SIZE, slotNo++) {
        String where = "slot " + slotNo;
        if (p.getInt(o) != SLOT_MAGIC) {
          throw new ProblemException(Problem.at(name, where, "no slot magic 'Slot'"));
        }
        long blkOff = Integer.toUnsignedLong(p.getInt(o + 8));
        if (blkOff == 0) {
          continue; // free slot
        }
        long pkgIdx = Integer.toUnsignedLong(p.getInt(o + 4));
        long blkCnt = Integer.toUnsignedLong(p.getInt(o + 12));
        if (blkOff + blkCnt > fileBlks) {
          throw new ProblemException(
              Problem.at(
                  name,
                  where,
                  "blob at block "
                      + blkOff
                      + " + "
                      + blkCnt
                      + " lies past the end of the file: truncated"));
        }
        if (pkgIdx == 0 || blkCnt == 0 || blkOff < minBlkOff) {
          throw new ProblemException(
              Problem.at(
                  name,
                  where,
                  "bad slot (pkgidx "
                      + pkgIdx
                      + ", blkoff "
                      + blkOff
                      + ", blkcnt "
                      + blkCnt
                      + ")"));
        }
        slots.add(new Slot(slotNo, pkgIdx, blkOff, blkCnt));
      }
    }
    // rpmpkgListInternal orders by blkoff; rpmpkgFindEmptyOffset refuses overlapping slots
    slots.sort(Comparator.comparingLong(Slot::blkOff));
    long lastEnd = minBlkOff;
    List<HeaderBlob> out = new ArrayList<>(slots.size());
    for (Slot s : slots) {
      String where = "slot " + s.slotNo + " (pkgidx " + s.pkgIdx + ")";
      if (s.blkOff < lastEnd) {
        throw new ProblemException(Problem.at(name, where, "blob overlaps the previous one"));
      }
      lastEnd = s.blkOff + s.blkCnt;
      out.add(new HeaderBlob(s.pkgIdx, readBlob(ch, name, where, s)));
    }
    return out;
  }

  /** rpmpkg.c rpmpkgReadBlob, with the adler32 check of rpmpkgVerifyblob. */
  private static byte[] readBlob(RandomAccessBytes ch, String name, String where, Slot s)
      throws IOException {
    if (s.blkCnt < (BLOBHEAD_SIZE + BLOBTAIL_SIZE + BLK_SIZE - 1) / BLK_SIZE) {
      throw new ProblemException(
          Problem.at(name, where, "blob of " + s.blkCnt + " blocks is too small"));
    }
    long total = s.blkCnt * BLK_SIZE;
    if (total > Integer.MAX_VALUE - 16) {
      throw new ProblemException(
          Problem.at(name, where, "blob of " + total + " bytes is too large"));
    }
    ByteBuffer b = readAt(ch, s.blkOff * BLK_SIZE, (int) total, name);
    if (b.getInt(0) != BLOBHEAD_MAGIC) {
      throw new ProblemException(Problem.at(name, where, "no blob head magic 'BlbS'"));
    }
    if (Integer.toUnsignedLong(b.getInt(4)) != s.pkgIdx) {
      throw new ProblemException(
          Problem.at(name, where, "blob belongs to pkgidx " + Integer.toUnsignedLong(b.getInt(4))));
    }
    long len = Integer.toUnsignedLong(b.getInt(12));
    if (s.blkCnt != (BLOBHEAD_SIZE + len + BLOBTAIL_SIZE + BLK_SIZE - 1) / BLK_SIZE) {
      throw new ProblemException(
          Problem.at(
              name, where, "blob length " + len + " does not match its " + s.blkCnt + " blocks"));
    }
    int tail = (int) total - BLOBTAIL_SIZE;
    Adler32 adler = new Adler32();
    adler.update(b.array(), 0, tail);
    if ((int) adler.getValue() != b.getInt(tail)) {
      throw new ProblemException(Problem.at(name, where, "blob checksum (adler32) mismatch"));
    }
    if (Integer.toUnsignedLong(b.getInt(tail + 4)) != len || b.getInt(tail + 8) != BLOBTAIL_MAGIC) {
      throw new ProblemException(Problem.at(name, where, "bad blob tail"));
    }
    byte[] blob = new byte[(int) len];
    b.get(BLOBHEAD_SIZE, blob);
    return blob;
  }

  private static ByteBuffer readAt(RandomAccessBytes ch, long pos, int len, String name)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    if (!ch.read(b, pos)) {
      throw new ProblemException(Problem.at(name, "offset " + pos, "file ends early: truncated"));
    }
    return b.clear();
  }

  private static int le(String s) {
    return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24;
  }
}
