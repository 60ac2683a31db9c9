package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.collect.TestImages;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryCommandTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void nevraOfNdbDatabaseEqualsTheExpectedList() throws IOException {
    List<String> expected = new ArrayList<>();
    List<String> rows =
        Files.readAllLines(SharedData.data("rpmdb/go-rpmdb/expected/SLE15WithNDB.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split("\t", -1);
      expected.add(
          c[1] + "-" + (c[0].isEmpty() ? "0" : c[0]) + ":" + c[2] + "-" + c[3] + "." + c[4]);
    }
    expected.sort(null);
    Result r =
        run(
            "inventory",
            "--format",
            "nevra",
            SharedData.data("rpmdb/go-rpmdb/pkg/testdata/sle15-bci").toString());
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo(String.join("\n", expected) + "\n");
  }

  @Test
  void jsonOutputReadsBackAsTheSameNevraList() throws IOException {
    Path db = SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite");
    Result json = run("inventory", "--format", "json", db.toString());
    assertThat(json.code).isZero();
    assertThat(json.out)
        .contains(
            "\"schema\" : \"fleetpatch.inventory/v1\"",
            "\"signatureKeyId\" : \"0cd9fed33135ce90\"");
    Path saved = Files.writeString(tmp.resolve("mariner.json"), json.out);
    Result fromJson = run("inventory", "--format", "nevra", saved.toString());
    Result fromDb = run("inventory", "--format", "nevra", db.toString());
    assertThat(fromJson.out).isEqualTo(fromDb.out).hasLineCount(129);
    Path text = Files.writeString(tmp.resolve("mariner.txt"), fromDb.out);
    assertThat(run("inventory", "--format", "nevra", text.toString()).out)
        .as("nevra output is itself a readable rpm -qa text")
        .isEqualTo(fromDb.out);
  }

  @Test
  void tableShowsHostAndColumns() {
    Result r =
        run(
            "inventory",
            SharedData.data("rpmdb/osv-scalibr/extractor/filesystem/os/rpm/testdata/Packages_epoch")
                .toString());
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains("1 packages", "NAME", "EPOCH")
        .containsPattern("hello +1 +0\\.0\\.1 +rls +x86_64");
  }

  @Test
  void truncatedDatabaseExitsThreeWithOneLine() throws IOException {
    byte[] whole =
        Files.readAllBytes(SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid/Packages"));
    Path cut = Files.write(tmp.resolve("Packages"), java.util.Arrays.copyOf(whole, 4096 + 100));
    Result r = run("inventory", "--format", "nevra", cut.toString());
    assertThat(r.code).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.out).isEmpty();
    assertThat(r.err.strip())
        .doesNotContain("\n")
        .startsWith("fleetpatch: " + cut)
        .contains("truncated");
  }

  @Test
  void garbageTextExitsThreeNamingTheLine() throws IOException {
    Path f =
        Files.writeString(tmp.resolve("qa.txt"), "bash-4.2.46-34.amzn2.x86_64\nnot a package\n");
    Result r = run("inventory", f.toString());
    assertThat(r.code).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err).contains("line 2", "'not a package'");
  }

  @Test
  void missingSourceIsAnIoError() {
    Result r = run("inventory", tmp.resolve("nope").toString());
    assertThat(r.code).isEqualTo(ExitCode.IO);
  }

  @Test
  void badArchIsUsage() throws IOException {
    Path f = Files.writeString(tmp.resolve("qa.txt"), "bash-4.2.46-34.amzn2.x86_64\n");
    assertThat(run("inventory", "--arch", "x86-64", f.toString()).code).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpListsTheSourceKinds() {
    Result r = run("inventory", "--help");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains(
            "rpmdb.sqlite",
            "Packages.db",
            "root filesystem",
            "docker save",
            "OCI image layout",
            "yum.repos.d",
            "rpm -qa",
            "Not built yet");
    assertThat(run("--help").out).contains("inventory");
  }

  static byte[] imageLayer(String extraName) throws IOException {
    TestImages.Layer l =
        new TestImages.Layer()
            .file(
                "var/lib/rpm/rpmdb.sqlite",
                SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite"))
            .file("etc/os-release", "ID=mariner\n");
    if (extraName != null) {
      l.file(extraName, "x");
    }
    return l.bytes();
  }

  @Test
  void ociImageListsTheSameNevrasAsItsDatabase() throws IOException {
    Path oci = TestImages.oci(tmp.resolve("img.oci"), List.of(imageLayer(null)), null, false);
    Result r = run("inventory", "--format", "nevra", oci.toString());
    assertThat(r.code).isZero();
    Result db =
        run(
            "inventory",
            "--format",
            "nevra",
            SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite").toString());
    assertThat(r.out).isEqualTo(db.out).isNotEmpty();
  }

  /** Hostile images: exit 3 and one line naming the file and the layer, no stack trace. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "digest mismatch, 'layer 1 (sha256:', 'digest mismatch'",
    "truncated layer, 'layer 1 (sha256:', 'truncated'",
    "dot-dot path,    'layer 1 (sha256:', 'escapes the image root'"
  })
  void hostileImageExitsThree(String kind, String layer, String message) throws IOException {
    byte[] tar = imageLayer(kind.equals("dot-dot path") ? "etc/../../../evil" : null);
    TestImages.Damage damage =
        switch (kind) {
          case "digest mismatch" ->
              (i, b) -> {
                byte[] c = b.clone();
                c[c.length / 2] ^= 1;
                return c;
              };
          case "truncated layer" -> (i, b) -> Arrays.copyOf(b, b.length / 2);
          default -> null;
        };
    Path oci =
        TestImages.oci(
            tmp.resolve("img.oci"), List.of(tar), damage, kind.equals("truncated layer"));
    Result r = run("inventory", "--format", "nevra", oci.toString());
    assertThat(r.code).as(r.err).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.out).isEmpty();
    assertThat(r.err.strip().lines()).hasSize(1);
    assertThat(r.err).contains(oci.toString(), layer, message).doesNotContain("Exception");
  }
}
