package io.fleetpatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real image: the {@code rpm -qa} listing of the amazonlinux:2 container image
 * (shared/data/rpmdb/snyk-rpm-parser/test/outputs/amazonlinux2_plain) scanned against ALL Amazon
 * Linux 2 advisories (core + 41 extras topics), with the repo scope inferred (the inventory has no
 * repo list). The same host is built with the oracle's mkhost and real dnf is asked with
 * amzn2-core; fleetpatch's MISSING rows must equal dnf's lines. The findings are kept as a golden
 * file (update with -Dfleetpatch.updateGoldens=true).
 *
 * <p>The listing has no arch column: a package is given the arch the AL2 advisories ship it with
 * when that is only noarch, else x86_64 (the image's arch).
 */
class RealImageTest {
  static final Path LISTING =
      SharedData.data("rpmdb/snyk-rpm-parser/test/outputs/amazonlinux2_plain");
  static final Path GOLDEN =
      Path.of("src/test/resources/io/fleetpatch/match/amazonlinux2_plain.scan.json");

  static List<Advisory> al2;
  static Inventory host;
  static HostFindings found;

  @BeforeAll
  static void scan() throws IOException {
    al2 = FeedFixtures.load(FeedFixtures.repos("amzn2"));
    Inventory listed = InventorySources.standard().read(LISTING);
    Map<String, Set<String>> arches = new HashMap<>();
    for (Advisory a : al2) {
      for (var p : a.packages()) {
        arches.computeIfAbsent(p.name(), k -> new HashSet<>()).add(p.arch());
      }
    }
    List<InstalledPackage> pkgs = new ArrayList<>();
    for (InstalledPackage p : listed.packages()) {
      Nevra n = p.nevra();
      if (arches.getOrDefault(n.name(), Set.of()).equals(Set.of("noarch"))) {
        n = new Nevra(n.name(), n.evr(), Arch.NOARCH);
      }
      pkgs.add(InstalledPackage.of(n));
    }
    host =
        new Inventory(
            listed.host(),
            new io.fleetpatch.inventory.OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2")),
            null,
            pkgs,
            null,
            null,
            null,
            listed.source());
    found = Matcher.match(host, AdvisoryIndex.of(al2));
  }

  @Test
  void scopeIsInferredAsCoreOnly() {
    assertThat(found.scope().basis()).isEqualTo(RepoScope.Basis.INFERRED);
    assertThat(found.scope().repos()).containsExactly("amzn2-core");
  }

  @Test
  void missingEqualsRealDnf(@TempDir Path tmp) throws Exception {
    Tools.require(SharedData.oracle("bin/mkhost").toString(), "dnf", "rpm", "createrepo_c");
    Path work = tmp.resolve("work");
    StringBuilder pkgs = new StringBuilder();
    for (InstalledPackage p : host.packages()) {
      Nevra n = p.nevra();
      pkgs.append(n.name())
          .append(' ')
          .append(n.evr().epoch() == null ? "-" : n.evr().epoch().toString())
          .append(' ')
          .append(n.evr().version())
          .append(' ')
          .append(n.evr().release())
          .append(' ')
          .append(n.arch())
          .append('\n');
    }
    Files.writeString(tmp.resolve("host.pkgs"), pkgs);
    Path xml = tmp.resolve("updateinfo.xml");
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(
                FeedFixtures.dir().resolve("amzn2-core").resolve("updateinfo.xml.gz")))) {
      Files.copy(in, xml);
    }
    run(
        SharedData.oracle("bin/mkhost"),
        "--quiet",
        "--no-color",
        "--os",
        "al2",
        "--work",
        work.toString(),
        tmp.resolve("host.pkgs").toString(),
        tmp.resolve("root").toString());
    run(
        SharedData.oracle("bin/mkrepo"),
        "--quiet",
        "--work",
        work.toString(),
        "--updateinfo",
        xml.toString(),
        "/dev/null",
        tmp.resolve("repo").toString());
    String dnf =
        run(
            SharedData.oracle("bin/dnf-oracle"),
            "--parse",
            "--releasever",
            "2",
            "--work",
            work.toString(),
            tmp.resolve("root").toString(),
            "amzn2-core=" + tmp.resolve("repo"),
            "--",
            "updateinfo",
            "list",
            "--security");
    TreeSet<String> expected =
        new TreeSet<>(dnf.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertThat(expected).as("dnf lists something for this 2019 image").isNotEmpty();
    assertThat(FleetOracleTest.rows(found, Set.of(FindingState.MISSING)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void findingsMatchTheGoldenFile() throws IOException {
    StringWriter w = new StringWriter();
    try (ScanJson json =
        new ScanJson(w, "golden", EnumSet.allOf(FindingState.class), CveEnrichment.NONE)) {
      json.host(found);
    }
    String actual =
        w.toString().replace(LISTING.toAbsolutePath().normalize().toString(), "LISTING");
    if (Boolean.getBoolean("fleetpatch.updateGoldens")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual);
    }
    assertThat(Files.exists(GOLDEN))
        .as("golden file missing: run with -Dfleetpatch.updateGoldens=true")
        .isTrue();
    assertThat(actual).isEqualTo(Files.readString(GOLDEN));
  }

  static String run(Object... cmd) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    for (Object c : cmd) {
      args.add(c.toString());
    }
    Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("failed: " + args);
    }
    return out;
  }
}
