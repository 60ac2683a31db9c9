package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NevraFormats} on the output of real rpm 4.18: a host built by the oracle's {@code mkhost}
 * (rpmbuild + an rpmdb), listed with plain {@code rpm -qa}, {@code --qf '%{nevra}\n'} and a
 * tab-separated {@code --qf}, must give back exactly the packages it was built from.
 */
class RpmQaListingTest {
  /** mkhost lines: name epoch ('-' = no Epoch tag) version release arch. */
  static final List<String> HOST =
      List.of(
          "openssl 1 1.0.2k 24.amzn2 x86_64",
          "glibc - 2.26 60.amzn2 x86_64",
          "glibc - 2.26 60.amzn2 i686",
          "tilde-pkg 0 1.0~rc1 1 x86_64",
          "caret.pkg - 1.0^git1 1.el8_10 aarch64",
          "java-1.8.0-openjdk 1 1.8.0.161 0.b14.amzn2 x86_64",
          "tzdata - 2024a 1.amzn2 noarch");

  /** A public key to import as the host's gpg-pubkey entry, if the machine has one. */
  static final Path KEY = Path.of("/etc/apt/trusted.gpg.d/debian-archive-bookworm-stable.asc");

  @TempDir Path tmp;

  @Test
  void readsWhatRealRpmLists() throws Exception {
    Tools.require("rpm", "rpmbuild", "/usr/bin/python3");
    Path pkgs = tmp.resolve("host.pkgs");
    Files.write(pkgs, HOST);
    Path root = tmp.resolve("root");
    run(
        SharedData.oracle("bin/mkhost").toString(),
        "--quiet",
        "--no-color",
        "--work",
        tmp.resolve("work").toString(),
        pkgs.toString(),
        root.toString());
    boolean key = Files.isReadable(KEY);
    if (key) {
      run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "--import", KEY.toString());
    }
    List<Nevra> expected = new ArrayList<>();
    for (String l : HOST) {
      String[] f = l.split(" ");
      expected.add(NevraFormats.fromFields(f[0], f[1].equals("-") ? null : f[1], f[2], f[3], f[4]));
    }

    List<String> plain = rpmQa(root);
    List<Nevra> fromPlain = new ArrayList<>();
    int keys = 0;
    for (String line : plain) {
      Optional<Nevra> n = NevraFormats.parseRpmQa(line);
      if (n.isPresent()) {
        fromPlain.add(n.get());
      } else {
        keys++;
      }
    }
    assertThat(keys).isEqualTo(key ? 1 : 0);
    // plain rpm -qa shows no epoch: the same packages with the epoch dropped
    assertThat(fromPlain)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream()
                .map(
                    n ->
                        new Nevra(n.name(), Evr.of(n.evr().version(), n.evr().release()), n.arch()))
                .toList());

    List<Nevra> fromNevra = new ArrayList<>();
    for (String line : rpmQa(root, "--qf", "%{nevra}\\n")) {
      NevraFormats.parseRpmQa(line).ifPresent(fromNevra::add);
    }
    // %{nevra} writes the epoch when the header has one, and no Epoch tag as no epoch
    assertThat(fromNevra).containsExactlyInAnyOrderElementsOf(expected);

    List<Nevra> fromTabs = new ArrayList<>();
    for (String line :
        rpmQa(root, "--qf", "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n")) {
      NevraFormats.parseTabSeparated(line, NevraFormats.Columns.DEFAULT).ifPresent(fromTabs::add);
    }
    assertThat(fromTabs).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> rpmQa(Path root, String... qf) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-qa"));
    cmd.addAll(List.of(qf));
    return run(cmd.toArray(String[]::new));
  }

  private static List<String> run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
