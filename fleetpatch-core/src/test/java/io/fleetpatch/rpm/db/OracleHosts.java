package io.fleetpatch.rpm.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Builds rpm databases with the oracle (real rpm 4.18: {@code mkhost}, libdb 5.3: {@code mkbdb})
 * and asks real rpm what they hold. Package lists are random but seeded: multilib pairs (same EVR
 * on x86_64 and i686, as dnf requires), several installonly kernels, absent / explicit-zero / large
 * epochs, noarch, and '~' / '^' versions.
 */
public final class OracleHosts {
  private OracleHosts() {}

  /** A seeded {@code .pkgs} list of about {@code n} packages (mkhost's input format). */
  public static String packageList(long seed, int n) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    lines.add("# seed " + seed + ": name epoch version release arch");
    int kernels = 2 + r.nextInt(3);
    for (int k = 0; k < kernels && lines.size() <= n; k++) {
      lines.add("kernel - 5.10." + (200 + 10 * k + r.nextInt(9)) + " " + (1 + k) + ".amzn2 x86_64");
    }
    for (int i = 0; lines.size() <= n; i++) {
      String name = "pkg" + seed + "-" + i + (r.nextInt(5) == 0 ? "-libs" : "");
      String epoch =
          switch (r.nextInt(6)) {
            case 0 -> "0";
            case 1 -> String.valueOf(1 + r.nextInt(3));
            case 2 -> "2147483647".substring(0, 1 + r.nextInt(9));
            default -> "-";
          };
      String version =
          (r.nextInt(4))
              + "."
              + r.nextInt(30)
              + (r.nextInt(8) == 0 ? "~rc" + r.nextInt(3) : "")
              + (r.nextInt(10) == 0 ? "^git" + r.nextInt(9) : "");
      String release = (1 + r.nextInt(40)) + (r.nextBoolean() ? ".amzn2" : ".el8_" + r.nextInt(10));
      int kind = r.nextInt(10);
      if (kind < 2) {
        lines.add(String.join(" ", name, epoch, version, release, "noarch"));
      } else if (kind < 4 && lines.size() + 2 <= n + 1) {
        lines.add(String.join(" ", name, epoch, version, release, "x86_64"));
        lines.add(String.join(" ", name, epoch, version, release, "i686"));
      } else {
        lines.add(String.join(" ", name, epoch, version, release, "x86_64"));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** mkhost {@code --no-color}: ROOT/var/lib/rpm/rpmdb.sqlite for {@code pkgs}. */
  public static Path mkhost(String pkgs, Path root, Path work) throws IOException {
    Path list = Files.writeString(work.resolve(root.getFileName() + ".pkgs"), pkgs);
    run(
        work,
        SharedData.oracle("bin/mkhost").toString(),
        "--no-color",
        "--quiet",
        "--work",
        work.resolve("scratch").toString(),
        list.toString(),
        root.toString());
    return root.resolve("var/lib/rpm");
  }

  /** mkbdb: a Berkeley DB {@code Packages} (+ indexes) in {@code out} from a sqlite rpmdb dir. */
  public static Path mkbdb(Path sqliteDir, Path out, String... options) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(SharedData.oracle("bin/mkbdb").toString());
    cmd.add("--quiet");
    cmd.addAll(List.of(options));
    cmd.add("--work");
    cmd.add(out.resolveSibling(out.getFileName() + ".scratch").toString());
    cmd.add(sqliteDir.toString());
    cmd.add(out.toString());
    run(out.getParent(), cmd.toArray(String[]::new));
    return out.resolve("Packages");
  }

  /**
   * Real {@code rpm -qa --dbpath DIR --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\n' |
   * sort}, on a private copy of the database file (rpm's sqlite backend creates -shm/-wal files
   * beside it, oracle gotcha 16). An arch of {@code (none)} (gpg-pubkey) reads {@code noarch}, the
   * documented mapping.
   */
  public static List<String> rpmQa(Path dbFile, Path work) throws IOException {
    Path dir = Files.createTempDirectory(work, "rpmqa");
    Files.copy(dbFile, dir.resolve(dbFile.getFileName()));
    String backend = dbFile.getFileName().toString().equals("rpmdb.sqlite") ? "sqlite" : "bdb_ro";
    String out =
        run(
            work,
            "rpm",
            "--define",
            "_db_backend " + backend,
            "--dbpath",
            dir.toAbsolutePath().toString(),
            "-qa",
            "--qf",
            "%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n");
    List<String> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isEmpty()) {
        lines.add(l.endsWith(".(none)") ? l.substring(0, l.length() - 6) + "noarch" : l);
      }
    }
    lines.sort(null);
    return lines;
  }

  public static String run(Path dir, String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("HOME", dir.toAbsolutePath().toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      assertThat(p.waitFor(600, TimeUnit.SECONDS))
          .as("%s finished", String.join(" ", cmd))
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(p.exitValue()).as("exit code of %s", String.join(" ", cmd)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
