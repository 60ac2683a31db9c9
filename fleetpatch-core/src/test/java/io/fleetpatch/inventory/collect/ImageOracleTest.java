package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.db.OracleHosts;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real images from the oracle ({@code mkhost --os} then {@code mkimage}): {@code inventory --format
 * nevra} of the docker-save archive and of the OCI layout equals real {@code rpm --root ROOT -qa},
 * and the os-release fields equal those of the root itself.
 */
class ImageOracleTest {
  @TempDir Path tmp;

  final InventorySources sources = new InventorySources(Arch.X86_64, Clock.systemUTC());

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
    "al2,    80, 'AL2: mkimage writes a Berkeley DB Packages into the layer; etc/os-release a file'",
    "al2023, 60, 'AL2023: rpmdb.sqlite; etc/os-release -> ../usr/lib/os-release inside the image'"
  })
  void imageInventoryEqualsRpmOnTheRoot(String os, int n, String why) throws IOException {
    Tools.require("rpm", SharedData.oracle("bin/mkhost").toString());
    Path root = tmp.resolve(os + "host");
    OracleHosts.mkhost(OracleHosts.packageList(n, n), root, tmp, "--os", os);
    Path out = tmp.resolve("img/" + os + ".tar");
    Files.createDirectories(out.getParent());
    OracleHosts.run(
        tmp,
        SharedData.oracle("bin/mkimage").toString(),
        "--quiet",
        "--work",
        tmp.resolve("mkimage-work").toString(),
        root.toString(),
        out.toString());
    List<String> expected = rpmQaRoot(root);
    assertThat(expected).hasSizeGreaterThan(n / 2);
    Inventory ofRoot = sources.read(root);
    for (Path image : List.of(out, tmp.resolve("img/" + os + ".oci"))) {
      Inventory inv = sources.read(image);
      assertThat(inv.packages().stream().map(p -> p.nevra().toFullString()).sorted())
          .as("%s: %s", image.getFileName(), why)
          .containsExactlyElementsOf(expected);
      assertThat(inv.os().fields()).as(why).isEqualTo(ofRoot.os().fields()).containsKey("ID");
      assertThat(inv.host().id()).isEqualTo("oracle/" + os + "host:latest");
    }
  }

  /** {@code rpm --root ROOT --dbpath /var/lib/rpm -qa --qf ... | sort}. */
  static List<String> rpmQaRoot(Path root) throws IOException {
    String out =
        OracleHosts.run(
            root.getParent(),
            "rpm",
            "--root",
            root.toAbsolutePath().toString(),
            "--dbpath",
            "/var/lib/rpm",
            "-qa",
            "--qf",
            "%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n");
    List<String> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    lines.sort(null);
    return lines;
  }
}
