package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made images: layer order, whiteouts, symlinks inside the image, and hostile inputs. */
class ContainerImageTest {
  @TempDir Path tmp;

  final InventorySources sources = new InventorySources(Arch.X86_64, Clock.systemUTC());

  static final Path BDB = SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid/Packages");
  static final Path SQLITE =
      SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite");

  static List<String> nevras(Inventory inv) {
    return inv.packages().stream().map(InstalledPackage::nevra).map(Object::toString).toList();
  }

  List<String> direct(Path db) {
    return nevras(sources.read(db));
  }

  static byte[] base() throws IOException {
    return new TestImages.Layer()
        .dir("var/lib/rpm")
        .file("var/lib/rpm/Packages", BDB)
        .file("usr/lib/os-release", "ID=\"layer-one\"\nVERSION_ID=\"1\"\n")
        .symlink("etc/os-release", "/../../usr/lib/os-release")
        .dir("etc/yum.repos.d")
        .file("etc/yum.repos.d/a.repo", "[a]\nenabled=1\n[a-src]\nenabled=0\n")
        .bytes();
  }

  /** name, second layer, which database is then visible (null: none), why. */
  static Stream<Arguments> secondLayers() {
    return Stream.of(
        Arguments.of("no second layer", null, "bdb", "the base layer as it is"),
        Arguments.of(
            "whiteout + new db",
            layer(
                l ->
                    l.file("var/lib/rpm/.wh.Packages", new byte[0])
                        .file("var/lib/rpm/rpmdb.sqlite", SQLITE)),
            "sqlite",
            ".wh.Packages deletes the lower Packages"),
        Arguments.of(
            "opaque dir",
            layer(
                l ->
                    l.file("var/lib/rpm/.wh..wh..opq", new byte[0])
                        .file("var/lib/rpm/rpmdb.sqlite", SQLITE)),
            "sqlite",
            "an opaque directory hides all lower children"),
        Arguments.of(
            "opaque after a same-layer file",
            layer(
                l ->
                    l.file("var/lib/rpm/rpmdb.sqlite", SQLITE)
                        .file("var/lib/rpm/.wh..wh..opq", new byte[0])),
            "sqlite",
            "whiteouts apply to lower layers only, not to files of their own layer"),
        Arguments.of(
            "whole dir whited out",
            layer(l -> l.file("var/lib/.wh.rpm", new byte[0])),
            null,
            "no rpm database left"),
        Arguments.of(
            "db replaced by a symlink",
            layer(
                l ->
                    l.file("var/lib/rpm/.wh.Packages", new byte[0])
                        .file("opt/db/rpmdb.sqlite", SQLITE)
                        .symlink("var/lib/rpm/rpmdb.sqlite", "/opt/db/rpmdb.sqlite")),
            null,
            "opt/ is not kept: a db outside the rpmdb dirs is not followed"));
  }

  interface Build {
    TestImages.Layer apply(TestImages.Layer l) throws IOException;
  }

  static byte[] layer(Build b) {
    try {
      return b.apply(new TestImages.Layer()).bytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("secondLayers")
  void layersApplyInOrder(String name, byte[] second, String visible, String why)
      throws IOException {
    List<byte[]> tars = second == null ? List.of(base()) : List.of(base(), second);
    Path oci = TestImages.oci(tmp.resolve("oci"), tars, null, false);
    Path docker = TestImages.dockerArchive(tmp.resolve("d.tar"), tars, null);
    for (Path image : List.of(oci, docker)) {
      if (visible == null) {
        assertThatThrownBy(() -> sources.read(image))
            .isInstanceOf(ProblemException.class)
            .hasMessageContaining("without an rpm database");
        continue;
      }
      Inventory inv = sources.read(image);
      assertThat(nevras(inv)).as(why).isEqualTo(direct(visible.equals("bdb") ? BDB : SQLITE));
      assertThat(inv.os().fields()).containsEntry("ID", "layer-one");
      assertThat(inv.repos()).containsExactly("a");
      assertThat(inv.host().id()).isEqualTo("test/handmade:1");
      assertThat(inv.source())
          .isEqualTo(
              (image == oci ? "image:oci:" : "image:docker-archive:")
                  + image.toAbsolutePath().normalize());
    }
  }

  /** name, damage to layer 0, digests over the damaged bytes, expected message, why. */
  static Stream<Arguments> hostile() throws IOException {
    TestImages.Damage flip =
        (i, b) -> {
          byte[] c = b.clone();
          c[c.length / 2] ^= 1;
          return c;
        };
    TestImages.Damage truncate = (i, b) -> Arrays.copyOf(b, b.length * 2 / 3);
    return Stream.of(
        Arguments.of("flipped byte", flip, false, "digest mismatch", "the blob is not its name"),
        Arguments.of(
            "truncated", truncate, true, "truncated", "digests match but the tar ends early"));
  }

  @ParameterizedTest(name = "oci {0}: {4}")
  @MethodSource("hostile")
  void damagedOciLayerIsAProblemNamingTheLayer(
      String name, TestImages.Damage damage, boolean after, String message, String why)
      throws IOException {
    Path oci = TestImages.oci(tmp.resolve("oci"), List.of(base()), damage, after);
    assertThatThrownBy(() -> sources.read(oci))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("layer 1 (sha256:")
        .hasMessageContaining(message);
  }

  @Test
  void zstdLayersAreRead() throws IOException {
    byte[] second =
        layer(
            l ->
                l.file("var/lib/rpm/.wh.Packages", new byte[0])
                    .file("var/lib/rpm/rpmdb.sqlite", SQLITE));
    Path oci = TestImages.oci(tmp.resolve("oci"), List.of(base(), second), null, false, true);
    assertThat(nevras(sources.read(oci))).isEqualTo(direct(SQLITE));
  }

  @Test
  void truncatedDockerArchiveIsAProblem() throws IOException {
    Path d = TestImages.dockerArchive(tmp.resolve("d.tar"), List.of(base()), null);
    byte[] all = Files.readAllBytes(d);
    Files.write(d, Arrays.copyOf(all, all.length - 3000));
    assertThatThrownBy(() -> sources.read(d))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(d.toString());
  }

  @Test
  void truncatedDockerLayerIsAProblem() throws IOException {
    Path d =
        TestImages.dockerArchive(
            tmp.resolve("d.tar"), List.of(base()), (i, b) -> Arrays.copyOf(b, b.length / 2));
    assertThatThrownBy(() -> sources.read(d))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("layer 1 (layer0/layer.tar)");
  }

  @Test
  void alteredDockerLayerFailsItsDiffId() throws IOException {
    Path d =
        TestImages.dockerArchive(
            tmp.resolve("d.tar"),
            List.of(base()),
            (i, b) -> {
              byte[] c = b.clone();
              c[700] ^= 1; // inside the first file's data
              return c;
            });
    assertThatThrownBy(() -> sources.read(d))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("layer 1 (layer0/layer.tar)")
        .hasMessageContaining("diff_id");
  }

  @Test
  void missingBlobIsAProblem() throws IOException {
    Path oci = TestImages.oci(tmp.resolve("oci"), List.of(base()), null, false);
    try (Stream<Path> s = Files.list(oci.resolve("blobs/sha256"))) {
      for (Path p : s.toList()) {
        if (Files.size(p) > 1000) {
          Files.delete(p); // the layer
        }
      }
    }
    assertThatThrownBy(() -> sources.read(oci))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("missing blob");
  }

  @Test
  void dotDotEntryEscapingTheRootIsAProblem() throws IOException {
    byte[] evil = layer(l -> l.file("var/lib/rpm/../../../../etc/os-release", "ID=evil\n"));
    Path oci = TestImages.oci(tmp.resolve("oci"), List.of(base(), evil), null, false);
    assertThatThrownBy(() -> sources.read(oci))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("layer 2 (sha256:")
        .hasMessageContaining("escapes the image root");
  }

  @Test
  void tempFilesAreDeleted() throws IOException {
    Path oci = TestImages.oci(tmp.resolve("oci"), List.of(base()), null, false);
    Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
    long before = countImageDirs(tmpDir);
    sources.read(oci);
    assertThat(countImageDirs(tmpDir)).isEqualTo(before);
  }

  private static long countImageDirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("fleetpatch-image")).count();
    }
  }
}
