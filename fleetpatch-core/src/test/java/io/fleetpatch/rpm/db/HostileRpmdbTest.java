package io.fleetpatch.rpm.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.header.HeaderFormatException;
import io.fleetpatch.rpm.header.PackageHeader;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, zeroed and hand-corrupted rpm databases: every one must end in a {@link
 * ProblemException} (or, for a page no reader looks at, in exactly the original packages), never
 * another exception, a hang or an OutOfMemoryError.
 */
class HostileRpmdbTest {
  static final Path LIBUUID = SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid/Packages");
  static final Path SLE15 = SharedData.data("rpmdb/go-rpmdb/pkg/testdata/sle15-bci/Packages.db");
  static final Path MARINER =
      SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite");

  @TempDir Path tmp;

  /** The packages' NEVRAs, or null when the reader reported a problem. */
  static List<String> outcome(Function<byte[], List<HeaderBlob>> reader, byte[] bytes) {
    try {
      List<String> out = new ArrayList<>();
      for (HeaderBlob b : reader.apply(bytes)) {
        PackageHeader h = PackageHeader.parse(b.blob());
        out.add(
            b.instance()
                + " "
                + h.name()
                + "-"
                + h.epoch()
                + ":"
                + h.version()
                + "-"
                + h.release()
                + "."
                + h.arch());
      }
      return out;
    } catch (ProblemException | HeaderFormatException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      return null;
    }
  }

  static List<String> bdb(byte[] b) {
    return outcome(bytes -> BdbHashPackages.read("Packages", bytes), b);
  }

  static List<String> ndb(byte[] b) {
    return outcome(bytes -> NdbPackages.read("Packages.db", bytes), b);
  }

  record Sweep(int problems, int unchanged) {}

  /** Truncates at every {@code step} boundary below the full size: each must be a problem. */
  static void truncationsAreProblems(byte[] whole, int step, Function<byte[], List<String>> read) {
    assertThat(read.apply(whole)).as("the intact file reads").isNotNull().isNotEmpty();
    for (int len = 0; len < whole.length; len += step) {
      assertThat(read.apply(Arrays.copyOf(whole, len))).as("truncated to %d bytes", len).isNull();
      int mid = len + step / 2;
      if (mid < whole.length) {
        assertThat(read.apply(Arrays.copyOf(whole, mid))).as("truncated to %d bytes", mid).isNull();
      }
    }
  }

  /**
   * Zeroes each page that is not already all zeros: a problem, or (a page nobody reads) the
   * original packages.
   */
  static Sweep zeroedPages(byte[] whole, int pageSize, Function<byte[], List<String>> read) {
    List<String> original = read.apply(whole);
    int problems = 0;
    int unchanged = 0;
    for (int p = 0; p * pageSize < whole.length; p++) {
      int from = p * pageSize;
      int to = Math.min(whole.length, (p + 1) * pageSize);
      if (Arrays.equals(whole, from, to, new byte[to - from], 0, to - from)) {
        continue;
      }
      byte[] b = whole.clone();
      Arrays.fill(b, from, to, (byte) 0);
      List<String> got = read.apply(b);
      if (got == null) {
        problems++;
      } else {
        assertThat(got).as("page %d zeroed: problem or the same packages", p).isEqualTo(original);
        unchanged++;
      }
    }
    return new Sweep(problems, unchanged);
  }

  @Test
  void bdbTruncatedAtEveryPageBoundary() throws IOException {
    truncationsAreProblems(Files.readAllBytes(LIBUUID), 4096, HostileRpmdbTest::bdb);
  }

  @Test
  void bdbZeroedPages() throws IOException {
    Sweep s = zeroedPages(Files.readAllBytes(LIBUUID), 4096, HostileRpmdbTest::bdb);
    assertThat(s.problems).isGreaterThanOrEqualTo(3);
  }

  @Test
  void bdbOfManyRealHeadersTruncatedAndZeroed() throws IOException {
    Tools.require(SharedData.oracle("bin/mkbdb").toString());
    Path dir = tmp.resolve("mariner");
    Files.createDirectories(dir);
    Files.copy(MARINER, dir.resolve("rpmdb.sqlite"));
    byte[] whole =
        Files.readAllBytes(OracleHosts.mkbdb(dir, tmp.resolve("mariner-bdb"), "--indexes", "none"));
    assertThat(bdb(whole)).hasSize(129);
    truncationsAreProblems(whole, 4096, HostileRpmdbTest::bdb);
    Sweep s = zeroedPages(whole, 4096, HostileRpmdbTest::bdb);
    assertThat(s.unchanged).as("every page of a fresh Packages is in use").isZero();
  }

  /** Page {@code pg} of a little-endian 4096-byte-page BDB file. */
  static ByteBuffer page(byte[] b, int pg) {
    return ByteBuffer.wrap(b, pg * 4096, 4096).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  static int firstPageOfType(byte[] b, int type, boolean withNext) {
    for (int pg = 1; pg * 4096 < b.length; pg++) {
      ByteBuffer p = page(b, pg);
      if ((p.get(25) & 0xff) == type && (!withNext || p.getInt(16) != 0)) {
        return pg;
      }
    }
    throw new AssertionError("no page of type " + type);
  }

  @Test
  void bdbCycleInAnOverflowChain() throws IOException {
    byte[] b = Files.readAllBytes(LIBUUID);
    int pg = firstPageOfType(b, BdbHashPackages.P_OVERFLOW, true);
    page(b, pg).putInt(16, pg);
    assertThatThrownBy(() -> BdbHashPackages.read("Packages", b))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("page " + pg);
  }

  @Test
  void bdbCycleInABucketChain() throws IOException {
    byte[] b = Files.readAllBytes(LIBUUID);
    int pg = firstPageOfType(b, BdbHashPackages.P_HASH, false);
    page(b, pg).putInt(16, pg);
    assertThatThrownBy(() -> BdbHashPackages.read("Packages", b))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("reached twice");
  }

  @Test
  void bdbHugeCountsAndSizes() throws IOException {
    byte[] orig = Files.readAllBytes(LIBUUID);
    List<java.util.function.Consumer<byte[]>> corruptions = new ArrayList<>();
    corruptions.add(b -> page(b, 0).putInt(32, 0x7fffffff)); // last page
    corruptions.add(b -> page(b, 0).putInt(72, 0x7ffffff0)); // max bucket
    corruptions.add(b -> page(b, 0).putInt(20, 3000)); // page size
    corruptions.add(b -> page(b, 0).putInt(16, 7)); // hash version
    corruptions.add(
        b ->
            page(b, firstPageOfType(b, BdbHashPackages.P_HASH, false))
                .putShort(20, (short) 0xffff));
    corruptions.add(
        b -> {
          int found = 0;
          for (int pg = 1; pg * 4096 < b.length; pg++) {
            ByteBuffer p = page(b, pg);
            if (p.get(25) != BdbHashPackages.P_HASH) {
              continue;
            }
            int n = p.getShort(20);
            for (int i = 0; i < n; i++) {
              int off = p.getShort(26 + 2 * i) & 0xffff;
              if (p.get(off) == BdbHashPackages.H_OFFPAGE) {
                p.putInt(off + 8, 0x7fffffff); // overflow length
                found++;
              }
            }
          }
          assertThat(found).isPositive();
        });
    corruptions.add(
        b ->
            page(b, firstPageOfType(b, BdbHashPackages.P_OVERFLOW, false))
                .putShort(22, (short) 5000));
    for (int i = 0; i < corruptions.size(); i++) {
      byte[] b = orig.clone();
      corruptions.get(i).accept(b);
      assertThat(bdb(b)).as("corruption %d", i).isNull();
    }
  }

  @Test
  void ndbTruncatedAtEveryPageAndBlobBoundary() throws IOException {
    byte[] whole = Files.readAllBytes(SLE15);
    truncationsAreProblems(whole, 4096, HostileRpmdbTest::ndb);
    ByteBuffer b = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
    for (int o = 32; o < 4096; o += 16) {
      long blkoff = Integer.toUnsignedLong(b.getInt(o + 8));
      if (blkoff != 0) {
        int at = (int) (blkoff * 16);
        assertThat(ndb(Arrays.copyOf(whole, at))).as("cut at blob start %d", at).isNull();
        assertThat(ndb(Arrays.copyOf(whole, at + 16))).as("cut after blob head %d", at).isNull();
      }
    }
  }

  @Test
  void ndbZeroedPages() throws IOException {
    Sweep s = zeroedPages(Files.readAllBytes(SLE15), 4096, HostileRpmdbTest::ndb);
    assertThat(s.unchanged).as("every non-zero page of Packages.db holds slots or blobs").isZero();
  }

  @Test
  void ndbHugeCountsAndOverlaps() throws IOException {
    byte[] orig = Files.readAllBytes(SLE15);
    List<java.util.function.Consumer<ByteBuffer>> corruptions =
        List.of(
            b -> b.putInt(12, 0x7fffffff), // slot pages
            b -> b.putInt(4, 1), // version
            b -> b.putInt(32 + 12, 0x7fffffff), // first slot's block count
            b -> b.putInt(32 + 8, 0x7fffffff), // first slot's block offset
            b -> b.putInt(32 + 16 + 8, b.getInt(32 + 8)), // second slot = first slot's blocks
            b -> b.putInt(32 + 4, 0)); // pkgidx 0
    for (int i = 0; i < corruptions.size(); i++) {
      byte[] b = orig.clone();
      corruptions.get(i).accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
      assertThat(ndb(b)).as("corruption %d", i).isNull();
    }
  }

  @Test
  void sqliteTruncatedAtEveryPageBoundary() throws IOException {
    Path copy = tmp.resolve("rpmdb.sqlite");
    Files.copy(MARINER, copy);
    assertThat(Rpmdb.read(copy)).hasSize(129);
    long size = Files.size(copy);
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      for (long len = size - 4096; len >= 0; len -= 4096) {
        ch.truncate(len);
        long at = len;
        assertThatThrownBy(() -> Rpmdb.read(copy))
            .as("truncated to %d bytes", at)
            .isInstanceOf(ProblemException.class);
      }
    }
  }

  @Test
  void sqliteZeroedPages() throws IOException {
    byte[] whole = Files.readAllBytes(MARINER);
    Path copy = tmp.resolve("rpmdb.sqlite");
    List<String> original = sqlite(whole, copy);
    assertThat(original).hasSize(129);
    int problems = 0;
    for (int p = 0; p * 4096 < whole.length; p += 9) {
      byte[] b = whole.clone();
      Arrays.fill(b, p * 4096, (p + 1) * 4096, (byte) 0);
      List<String> got = sqlite(b, copy);
      if (got == null) {
        problems++;
      } else {
        assertThat(got).as("page %d zeroed", p).isEqualTo(original);
      }
    }
    assertThat(problems).isPositive();
  }

  static List<String> sqlite(byte[] bytes, Path file) {
    return outcome(
        b -> {
          try {
            Files.write(file, b);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return Rpmdb.read(file);
        },
        bytes);
  }

  /** Regression: libdb leaves never-written bucket pages zero; bdb_ro refuses, libdb reads 0. */
  @Test
  void freshEmptyDatabaseWithZeroBucketPageHasNoPackages() throws IOException {
    byte[] b =
        Files.readAllBytes(SharedData.data("rpmdb/snyk-rpm-parser/test/fixtures/rpm4_empty"));
    assertThat(BdbHashPackages.read("rpm4_empty", b)).isEmpty();
  }

  @Test
  void foreignFilesAreProblems() throws IOException {
    Path text = Files.writeString(tmp.resolve("Packages"), "hello\n");
    assertThatThrownBy(() -> Rpmdb.read(text))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("not an rpm database");
    Path btree = tmp.resolve("Name");
    byte[] b = new byte[512];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, RpmdbFormat.BTREE_MAGIC);
    Files.write(btree, b);
    assertThatThrownBy(() -> Rpmdb.read(btree)).isInstanceOf(ProblemException.class);
    Path empty = Files.write(tmp.resolve("rpmdb.sqlite"), new byte[0]);
    assertThatThrownBy(() -> Rpmdb.read(empty)).isInstanceOf(ProblemException.class);
    Path notRpm = tmp.resolve("other.sqlite");
    Files.copy(
        SharedData.data("rpmdb/claircore/internal/rpm/sqlite/testdata/no_packages.sqlite"), notRpm);
    assertThatThrownBy(() -> Rpmdb.read(notRpm)).hasMessageContaining("without a Packages table");
  }
}
