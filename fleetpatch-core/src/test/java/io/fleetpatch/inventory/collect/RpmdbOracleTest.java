package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.db.OracleHosts;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fleetpatch inventory --format nevra} equals real {@code rpm -qa} on every rpmdb in the
 * shared data that rpm can read, on the expected lists of the others, and on sqlite and Berkeley DB
 * databases the oracle builds for hosts of 10, 500 and 3,000 packages (built once per class).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RpmdbOracleTest {
  Path work;

  /** Database name -> file, built in {@link #buildHosts()}. */
  final Map<String, Path> built = new LinkedHashMap<>();

  final InventorySources sources = new InventorySources(Arch.X86_64, Clock.systemUTC());

  @BeforeAll
  void buildHosts(@TempDir Path tmp) throws IOException {
    work = tmp;
    Tools.require("rpm", SharedData.oracle("bin/mkhost").toString());
    for (int n : new int[] {10, 500, 3000}) {
      Path rpmdir =
          OracleHosts.mkhost(OracleHosts.packageList(n, n), work.resolve("host" + n), work);
      built.put("sqlite-" + n, rpmdir.resolve("rpmdb.sqlite"));
    }
    Path dir10 = built.get("sqlite-10").getParent();
    Path dir500 = built.get("sqlite-500").getParent();
    Path dir3000 = built.get("sqlite-3000").getParent();
    built.put(
        "bdb-10-p512-be",
        OracleHosts.mkbdb(dir10, work.resolve("bdb10"), "--pagesize", "512", "--lorder", "4321"));
    built.put(
        "bdb-10-p65536",
        OracleHosts.mkbdb(
            dir10, work.resolve("bdb10b"), "--pagesize", "65536", "--indexes", "none"));
    built.put(
        "bdb-500-p8192-be",
        OracleHosts.mkbdb(
            dir500,
            work.resolve("bdb500"),
            "--pagesize",
            "8192",
            "--lorder",
            "4321",
            "--indexes",
            "none"));
    built.put(
        "bdb-500-p1024",
        OracleHosts.mkbdb(
            dir500, work.resolve("bdb500b"), "--pagesize", "1024", "--indexes", "none"));
    built.put("bdb-3000", OracleHosts.mkbdb(dir3000, work.resolve("bdb3000"), "--indexes", "none"));
  }

  Stream<String> builtDatabases() {
    return Stream.of(
        "sqlite-10",
        "sqlite-500",
        "sqlite-3000",
        "bdb-10-p512-be",
        "bdb-10-p65536",
        "bdb-500-p8192-be",
        "bdb-500-p1024",
        "bdb-3000");
  }

  @ParameterizedTest
  @MethodSource("builtDatabases")
  void oracleBuiltDatabaseEqualsRpmQa(String name) throws IOException {
    Path db = built.get(name);
    List<String> rpm = OracleHosts.rpmQa(db, work);
    assertThat(rpm).as("rpm lists packages").isNotEmpty();
    assertThat(nevraLines(db)).isEqualTo(rpm);
  }

  @Test
  void hostListsHaveTheCasesTheyClaim() throws IOException {
    List<String> lines = nevraLines(built.get("sqlite-3000"));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(3000);
    assertThat(lines).filteredOn(l -> l.startsWith("kernel-")).hasSizeGreaterThan(1);
    assertThat(lines).filteredOn(l -> l.endsWith(".i686")).isNotEmpty();
    assertThat(lines).filteredOn(l -> l.contains("~") || l.contains("^")).isNotEmpty();
    assertThat(lines).filteredOn(l -> !l.contains("-0:")).isNotEmpty();
    Inventory inv = sources.read(built.get("sqlite-3000"));
    assertThat(inv.packages()).filteredOn(p -> p.nevra().evr().epoch() == null).isNotEmpty();
    assertThat(inv.packages())
        .filteredOn(p -> Long.valueOf(0).equals(p.nevra().evr().epoch()))
        .as("an explicit Epoch: 0 stays explicit")
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite",
    "go-rpmdb/pkg/testdata/libuuid/Packages",
    "osv-scalibr/extractor/filesystem/os/rpm/testdata/Packages_epoch",
    "syft/syft/pkg/cataloger/redhat/testdata/Packages",
    "syft/cmd/syft/internal/test/integration/testdata/image-pkg-coverage/pkgs/var/lib/rpm/Packages",
  })
  void realDatabaseEqualsRpmQa(String relative) throws IOException {
    Path db = SharedData.data("rpmdb/" + relative);
    Path copy = Files.createDirectories(work.resolve("real").resolve(relative.replace('/', '_')));
    String name = relative.endsWith(".sqlite") ? "rpmdb.sqlite" : "Packages";
    Files.copy(db, copy.resolve(name));
    List<String> rpm = OracleHosts.rpmQa(copy.resolve(name), work);
    assertThat(rpm).isNotEmpty();
    assertThat(nevraLines(db)).isEqualTo(rpm);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite, go-rpmdb/expected/cbl-mariner-2.0.rpm418-qa.tsv, 129",
    "go-rpmdb/pkg/testdata/libuuid/Packages, go-rpmdb/expected/libuuid.rpm418-qa.tsv, 1",
    "go-rpmdb/pkg/testdata/sle15-bci/Packages.db, go-rpmdb/expected/SLE15WithNDB.tsv, 35",
  })
  void databaseEqualsExpectedList(String db, String tsv, int count) throws IOException {
    List<String> expected = new ArrayList<>();
    Map<String, String[]> byNevra = new TreeMap<>();
    List<String> rows = Files.readAllLines(SharedData.data("rpmdb/" + tsv));
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split("\t", -1);
      String nevra =
          c[1] + "-" + (c[0].isEmpty() ? "0" : c[0]) + ":" + c[2] + "-" + c[3] + "." + c[4];
      expected.add(nevra);
      byNevra.put(nevra, c);
    }
    expected.sort(null);
    assertThat(nevraLines(SharedData.data("rpmdb/" + db))).hasSize(count).isEqualTo(expected);
    for (InstalledPackage p : sources.read(SharedData.data("rpmdb/" + db)).packages()) {
      String[] c = byNevra.get(p.nevra().toFullString());
      assertThat(p.sourceRpm()).as("SOURCERPM of %s", p.nevra()).isEqualTo(c[5]);
      assertThat(p.vendor() == null ? "" : p.vendor())
          .as("VENDOR of %s", p.nevra())
          .isEqualTo(c[8]);
    }
  }

  @Test
  void signatureKeyIdsAndInstallTimesEqualRpms() throws IOException {
    Path db = SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite");
    Path copy = Files.createDirectories(work.resolve("sig"));
    Files.copy(db, copy.resolve("rpmdb.sqlite"));
    String out =
        OracleHosts.run(
            work,
            "rpm",
            "--dbpath",
            copy.toAbsolutePath().toString(),
            "-qa",
            "--qf",
            "%{NAME}.%{ARCH} %{INSTALLTIME} %{RSAHEADER:pgpsig}\\n");
    Map<String, String> rpm = new TreeMap<>();
    for (String l : out.split("\n")) {
      String[] f = l.split(" ", 3);
      String key = f[2].contains("Key ID ") ? f[2].substring(f[2].indexOf("Key ID ") + 7) : "-";
      rpm.put(f[0], f[1] + " " + key);
    }
    Map<String, String> ours = new TreeMap<>();
    for (InstalledPackage p : sources.read(db).packages()) {
      ours.put(
          p.nevra().nameArch(),
          p.installTime() + " " + (p.signatureKeyId() == null ? "-" : p.signatureKeyId()));
    }
    assertThat(ours).hasSize(129).isEqualTo(rpm);
    assertThat(ours.values()).allMatch(v -> v.endsWith(" 0cd9fed33135ce90"));
  }

  @Test
  void readingSqliteLeavesFileAndDirectoryUntouched() throws Exception {
    // a clean copy: mkhost's own rpm run left -shm/-wal/.rpm.lock beside the original
    Path root = work.resolve("readonly-root");
    Path dir = Files.createDirectories(root.resolve("var/lib/rpm"));
    Files.copy(built.get("sqlite-500"), dir.resolve("rpmdb.sqlite"));
    Map<String, String> before = snapshot(dir);
    assertThat(before).containsOnlyKeys("rpmdb.sqlite");
    assertThat(sources.read(dir.resolve("rpmdb.sqlite")).packages())
        .hasSizeGreaterThanOrEqualTo(500);
    assertThat(sources.read(dir).packages()).hasSizeGreaterThanOrEqualTo(500);
    assertThat(sources.read(root).packages()).hasSizeGreaterThanOrEqualTo(500);
    assertThat(snapshot(dir)).as("no -shm/-wal/-journal, same bytes and mtime").isEqualTo(before);
    assertThat(snapshot(root.resolve("var/lib"))).containsOnlyKeys("rpm");
  }

  @Test
  void readingBerkeleyDbLeavesTheDirectoryUntouched() throws Exception {
    Path dir = built.get("bdb-10-p512-be").getParent();
    Map<String, String> before = snapshot(dir);
    assertThat(sources.read(dir).packages()).hasSizeGreaterThan(9);
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void rootFilesystemPrefersSqliteAndReadsOsRelease() throws IOException {
    Inventory inv = sources.read(work.resolve("host10"));
    assertThat(inv.host().id()).isEqualTo("host10");
    assertThat(inv.source()).startsWith("root:sqlite:");
    assertThat(inv.packages()).hasSizeGreaterThan(9);
  }

  private List<String> nevraLines(Path db) {
    List<String> lines = new ArrayList<>();
    for (InstalledPackage p : sources.read(db).packages()) {
      lines.add(p.nevra().toFullString());
    }
    lines.sort(null);
    return lines;
  }

  /** File name -> sha256 of every file in {@code dir}. */
  static Map<String, String> snapshot(Path dir) throws IOException, NoSuchAlgorithmException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        byte[] d =
            Files.isDirectory(p)
                ? new byte[0]
                : MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(
            p.getFileName().toString(),
            HexFormat.of().formatHex(d) + " " + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
