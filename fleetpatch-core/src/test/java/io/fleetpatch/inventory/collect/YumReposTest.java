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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YumReposTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[a]\\nenabled=1\\n                    | a=true          | enabled=1",
        "[a]\\nenabled = 0\\n                  | a=false         | spaces around '=' (amazon-linux-extras)",
        "[a]\\nname=A\\n                       | a=true          | no enabled key: default True (dnf.conf(5))",
        "[a]\\nenabled=No\\n[b]\\nenabled=off\\n | a=false,b=false | libdnf booleans, any case",
        "[a]\\nenabled=true\\n#[b]\\n;x\\n       | a=true          | comment lines",
        "[a]\\nenabled=0\\n[a]\\nenabled=1\\n    | a=false         | a repeated section: the first wins",
        "enabled=0\\n[a]\\n                    | a=true          | keys before any section are ignored",
        "[a]\\nname=x\\n enabled=0\\n          | a=true          | an indented line continues the previous value",
      })
  void parse(String text, String expected, String why) {
    Map<String, Boolean> got = YumRepos.parse(text.replace("\\n", "\n"));
    StringBuilder b = new StringBuilder();
    got.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    assertThat(b.toString()).as(why).isEqualTo(expected);
  }

  @Test
  void noReposDirMeansUnknownAndEmptyDirMeansNone() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("r"));
    assertThat(YumRepos.enabled(new RootFilesystem(root))).isEmpty();
    Files.createDirectories(root.resolve("etc/yum.repos.d"));
    Files.writeString(root.resolve("etc/yum.repos.d/x.repo.rpmsave"), "[x]\n");
    assertThat(YumRepos.enabled(new RootFilesystem(root))).contains(List.of());
  }

  /**
   * fleetgen's kept roots carry the release's repo files; the enabled sections equal the host's
   * {@code .repos} file (AL2023: the data ids {@code amazonlinux-2023[-kernel-livepatch]} are the
   * sections {@code amazonlinux} / {@code kernel-livepatch} on the host, oracle README §13).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"al2", "al2023"})
  void enabledReposOfFleetgenRootsEqualTheHostsRepos(String release) throws IOException {
    Tools.require("rpm", "dnf", SharedData.oracle("bin/fleetgen").toString());
    Path out = tmp.resolve("fleet");
    OracleHosts.run(
        tmp,
        SharedData.oracle("bin/fleetgen").toString(),
        "--release",
        release,
        "--all-repos",
        "--hosts",
        "4",
        "--pkgs",
        "20",
        "--keep-roots",
        "--seed",
        "7",
        "--quiet",
        "--out",
        out.toString(),
        "--work",
        tmp.resolve("work").toString());
    InventorySources sources = new InventorySources(Arch.X86_64, Clock.systemUTC());
    List<Path> roots;
    try (Stream<Path> s = Files.list(out.resolve("roots"))) {
      roots = s.sorted().toList();
    }
    assertThat(roots).hasSize(4);
    int withExtra = 0;
    for (Path root : roots) {
      String host = root.getFileName().toString();
      List<String> expected =
          Files.readAllLines(out.resolve("hosts/" + host + ".repos")).stream()
              .filter(l -> !l.isBlank())
              .map(
                  l ->
                      l.strip()
                          .replaceFirst("^amazonlinux-2023-kernel-livepatch$", "kernel-livepatch"))
              .map(l -> l.replaceFirst("^amazonlinux-2023$", "amazonlinux"))
              .sorted()
              .toList();
      Inventory inv = sources.read(root);
      assertThat(inv.repos()).as(host).isEqualTo(expected);
      withExtra += expected.size() > 1 ? 1 : 0;
    }
    assertThat(withExtra).as("hosts with more than the core repo").isPositive();
  }
}
