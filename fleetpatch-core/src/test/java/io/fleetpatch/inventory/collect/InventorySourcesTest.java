package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventorySourcesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T00:00:00Z"), ZoneOffset.UTC);
  final InventorySources sources = new InventorySources(Arch.X86_64, CLOCK);
  @TempDir Path tmp;

  @Test
  void detectsEachKind() throws IOException {
    Path json = Files.writeString(tmp.resolve("h.json"), "\n  {\"host\":\"h\",\"packages\":[]}");
    Path text = Files.writeString(tmp.resolve("h.txt"), "bash-4.2.46-34.amzn2.x86_64\n");
    Path root =
        Files.createDirectories(tmp.resolve("root/var/lib/rpm"))
            .getParent()
            .getParent()
            .getParent();
    assertThat(InventorySources.detect(json)).isEqualTo(SourceKind.INVENTORY_JSON);
    assertThat(InventorySources.detect(text)).isEqualTo(SourceKind.RPM_QA_TEXT);
    assertThat(InventorySources.detect(root)).isEqualTo(SourceKind.ROOT_FS);
    assertThat(
            InventorySources.detect(
                SharedData.data("rpmdb/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite")))
        .isEqualTo(SourceKind.RPMDB);
    assertThat(InventorySources.detect(SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid")))
        .isEqualTo(SourceKind.RPMDB);
  }

  @Test
  void readsTextWithHostFromTheFileName() throws IOException {
    Path text =
        Files.writeString(
            tmp.resolve("al2-007.txt"),
            "zlib-1.2.7-19.amzn2.x86_64\nbash-4.2.46-34.amzn2.x86_64\n");
    Inventory inv = sources.read(text);
    assertThat(inv.host().id()).isEqualTo("al2-007");
    assertThat(inv.collectedAt()).isEqualTo(CLOCK.instant());
    assertThat(inv.source()).startsWith("rpm-qa:").endsWith("al2-007.txt");
    assertThat(inv.packages()).extracting(p -> p.name()).containsExactly("bash", "zlib");
  }

  @Test
  void binaryGarbageIsAProblem() throws IOException {
    Path bin = Files.write(tmp.resolve("x.bin"), new byte[] {1, 0, 2, 0, 3});
    assertThatThrownBy(() -> sources.read(bin))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("binary file of unknown format");
  }

  @Test
  void anEmptyDirectoryIsAProblem() {
    assertThatThrownBy(() -> sources.read(tmp))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("holds no rpm database");
  }

  @Test
  void osReleaseSymlinkIsResolvedInsideTheRoot() throws IOException {
    Path root = tmp.resolve("r");
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("usr/lib/os-release"),
        "# c\nNAME=\"Amazon Linux\"\nID=amzn\nVERSION_ID='2023'\n");
    // absolute link: must land in the root, not in the scanning machine's /usr/lib
    Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));
    Files.writeString(root.resolve("etc/alinux-release"), "Alibaba Cloud Linux release 3\n");
    var os = new RootFilesystem(root).osRelease();
    assertThat(os.fields())
        .containsEntry("NAME", "Amazon Linux")
        .containsEntry("VERSION_ID", "2023")
        .containsEntry("ALINUX_RELEASE", "Alibaba Cloud Linux release 3");
  }
}
