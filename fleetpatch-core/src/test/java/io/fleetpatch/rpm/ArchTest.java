package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchTest {
  @ParameterizedTest(name = "{0} host, {1} package: {2} ({3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # host    | package | installable | why
          x86_64    | x86_64  | true        | same arch
          x86_64    | noarch  | true        | noarch installs everywhere
          x86_64    | i686    | true        | multilib: 32-bit x86 on x86_64 (x86_64 -> athlon -> i686)
          x86_64    | i586    | true        | i686 -> i586
          x86_64    | i386    | true        | down the chain to i386
          x86_64    | aarch64 | false       | another machine
          x86_64    | src     | false       | source packages are never installed
          i686      | x86_64  | false       | 64-bit does not run on 32-bit
          i686      | i386    | true        | i686 -> i586 -> i486 -> i386
          i386      | i686    | false       | compatibility only goes down
          aarch64   | aarch64 | true        | same arch
          aarch64   | noarch  | true        | noarch installs everywhere
          aarch64   | armv7hl | false       | rpm has no arch_compat from aarch64 to 32-bit arm
          aarch64   | x86_64  | false       | another machine
          noarch    | noarch  | true        | same arch
          noarch    | x86_64  | false       | noarch is not a machine that runs x86_64
          ppc64le   | noarch  | true        | ppc64le: noarch fat
          ppc64le   | ppc64   | false       | little and big endian differ
          s390x     | s390    | true        | s390x: s390 noarch
          riscv64   | riscv64 | true        | same arch
          myarch    | myarch  | true        | unknown arch: itself
          myarch    | noarch  | true        | unknown arch: and noarch
          myarch    | x86_64  | false       | unknown arch: nothing else
          """)
  void compatibility(String host, String pkg, boolean installable, String why) {
    assertThat(Arch.parse(host).canInstall(Arch.parse(pkg))).as(why).isEqualTo(installable);
  }

  @Test
  void knownArches() {
    assertThat(Arch.X86_64.isKnown()).isTrue();
    assertThat(Arch.AARCH64.isKnown()).isTrue();
    assertThat(Arch.NOARCH.isKnown()).isTrue();
    assertThat(Arch.SRC.isKnown()).isTrue();
    assertThat(Arch.parse("nosrc").isSource()).isTrue();
    assertThat(Arch.parse("el8").isKnown()).isFalse();
    assertThat(Arch.parse("amzn2").isKnown()).isFalse();
    assertThat(Arch.NOARCH.installable()).containsExactly("noarch");
    assertThat(Arch.SRC.installable()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = "''\nx86-64\nx86.64\n'x86 64'\n(none)")
  void rejectsBadNames(String name) {
    assertThatThrownBy(() -> Arch.parse(name)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The table in {@link Arch} against the installed rpm's own {@code /usr/lib/rpm/rpmrc}: for every
   * arch of its {@code arch_compat} lines (except hppa, whose names hold a '.'), the same
   * installable set, followed transitively.
   */
  @Test
  void agreesWithInstalledRpmrc() throws Exception {
    Path rpmrc = Path.of("/usr/lib/rpm/rpmrc");
    Tools.require("rpm");
    assertThat(rpmrc).exists();
    Map<String, List<String>> direct = new HashMap<>();
    for (String line : Files.readAllLines(rpmrc)) {
      if (line.startsWith("arch_compat:")) {
        String[] parts = line.substring("arch_compat:".length()).strip().split(":", 2);
        direct.put(parts[0].strip(), List.of(parts[1].strip().split("\\s+")));
      }
    }
    assertThat(direct).containsKeys("x86_64", "i686", "aarch64", "ppc64le", "s390x");
    int checked = 0;
    for (String arch : direct.keySet()) {
      if (arch.contains(".")) {
        continue;
      }
      Set<String> closure = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(arch));
      while (!todo.isEmpty()) {
        String a = todo.pop();
        if (closure.add(a)) {
          todo.addAll(direct.getOrDefault(a, List.of()));
        }
      }
      assertThat(Arch.parse(arch).installable()).as(arch).isEqualTo(closure);
      assertThat(Arch.parse(arch).isKnown()).as(arch).isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThan(80);
  }
}
