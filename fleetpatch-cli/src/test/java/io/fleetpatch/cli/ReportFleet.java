package io.fleetpatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded synthetic fleet built from real data, for the comply and report command tests: AL2 hosts
 * start from the real amazonlinux:2 package set (trivy's golden {@code rpm -qa}), AL2023 hosts from
 * real AL2023 advisory packages, and every package is moved, with some probability, to another real
 * EVR of the same name.arch taken from the advisories; some AL2023 hosts carry php8.1 (past its
 * support statement), a few hosts run AL1 or CentOS 7 (end of life). Hosts carry PatchGroup tags
 * web, db, batch or none.
 */
final class ReportFleet {
  static final Path AL2_CORE = SharedData.data("amazon/updateinfo/amzn2-core");
  static final Path AL2023_CORE = SharedData.data("amazon/updateinfo/amazonlinux-2023");

  private final Map<String, List<Evr>> al2Pool;
  private final Map<String, List<Evr>> al2023Pool;
  private final List<Nevra> al2Base;

  ReportFleet() throws IOException {
    al2Pool = pool(AL2_CORE.resolve("updateinfo.xml.gz"), "amzn2-core");
    al2023Pool = pool(AL2023_CORE.resolve("updateinfo.xml.gz"), "amazonlinux-2023");
    al2Base = new ArrayList<>();
    JsonNode golden =
        new ObjectMapper()
            .readTree(
                SharedData.data(
                        "rpmdb/trivy/pkg/fanal/test/integration/testdata/goldens/packages/amazon-2.json.golden")
                    .toFile());
    for (JsonNode p : golden) {
      String name = p.get("Name").asText();
      if (name.equals("gpg-pubkey")) {
        continue;
      }
      Long epoch = p.has("Epoch") ? p.get("Epoch").asLong() : null;
      al2Base.add(
          new Nevra(
              name,
              new Evr(epoch, p.get("Version").asText(), p.get("Release").asText()),
              Arch.parse(p.get("Arch").asText())));
    }
  }

  /** name.arch (x86_64 and noarch) -> the advisories' fixed EVRs, oldest first. */
  private static Map<String, List<Evr>> pool(Path file, String repo) {
    Map<String, TreeSet<Evr>> m = new HashMap<>();
    for (Advisory a : new UpdateinfoParser().read(file, repo).advisories()) {
      for (FixedPackage p : a.packages()) {
        if (p.arch() == null
            || !(p.arch().equals("x86_64") || p.arch().equals("noarch"))
            || p.name().endsWith("-debuginfo")
            || p.name().contains("debugsource")) {
          continue;
        }
        m.computeIfAbsent(p.name() + "." + p.arch(), k -> new TreeSet<>()).add(p.fixed());
      }
    }
    Map<String, List<Evr>> out = new LinkedHashMap<>();
    m.keySet().stream().sorted().forEach(k -> out.put(k, List.copyOf(m.get(k))));
    return out;
  }

  /** Writes {@code n} inventories ({@code host-NNNN.json}) into {@code dir}. */
  void write(Path dir, int n, long seed) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < n; i++) {
      Inventory inv = host(i, seed);
      Files.writeString(
          dir.resolve(String.format("host-%04d.json", i)),
          InventoryJson.write(inv),
          StandardCharsets.UTF_8);
    }
  }

  Inventory host(int i, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    String[] groups = {"web", "db", "batch", null};
    String group = groups[r.nextInt(groups.length)];
    Map<String, String> tags = group == null ? Map.of() : Map.of("PatchGroup", group);
    Host host =
        new Host(String.format("i-%08x%04d", seed & 0xffff, i), "host" + i + ".example", tags);
    int kind = r.nextInt(100);
    if (kind < 3) {
      return new Inventory(
          host,
          os("amzn", "2018.03", "Amazon Linux AMI 2018.03"),
          null,
          vary(al2Base, al2Pool, r, 0),
          List.of("amzn-main", "amzn-updates"),
          null,
          null,
          "report-fleet");
    }
    if (kind < 5) {
      return new Inventory(
          host,
          os("centos", "7", "CentOS Linux 7 (Core)"),
          null,
          vary(al2Base, Map.of(), r, 0),
          List.of("base", "updates"),
          null,
          null,
          "report-fleet");
    }
    if (kind < 70) {
      List<InstalledPackage> pkgs = vary(al2Base, al2Pool, r, 0.5);
      pkgs.addAll(extras(al2Pool, r, 25, pkgs));
      return new Inventory(
          host,
          os("amzn", "2", "Amazon Linux 2"),
          null,
          pkgs,
          List.of("amzn2-core"),
          null,
          null,
          "report-fleet");
    }
    List<InstalledPackage> pkgs = extras(al2023Pool, r, 60, List.of());
    if (r.nextInt(10) == 0 && al2023Pool.containsKey("php8.1.x86_64")) {
      List<Evr> v = al2023Pool.get("php8.1.x86_64");
      pkgs.add(InstalledPackage.of(new Nevra("php8.1", v.get(r.nextInt(v.size())), Arch.X86_64)));
    }
    return new Inventory(
        host,
        os("amzn", "2023", "Amazon Linux 2023"),
        null,
        pkgs,
        List.of("amazonlinux"),
        null,
        null,
        "report-fleet");
  }

  private static OsRelease os(String id, String version, String pretty) {
    return new OsRelease(Map.of("ID", id, "VERSION_ID", version, "PRETTY_NAME", pretty));
  }

  private static List<InstalledPackage> vary(
      List<Nevra> base, Map<String, List<Evr>> pool, SplittableRandom r, double p) {
    List<InstalledPackage> out = new ArrayList<>();
    for (Nevra n : base) {
      List<Evr> alt = pool.get(n.nameArch());
      Nevra chosen = n;
      if (alt != null && r.nextDouble() < p) {
        chosen = new Nevra(n.name(), alt.get(r.nextInt(alt.size())), n.arch());
      }
      out.add(InstalledPackage.of(chosen));
    }
    return out;
  }

  private static List<InstalledPackage> extras(
      Map<String, List<Evr>> pool, SplittableRandom r, int count, List<InstalledPackage> have) {
    List<String> keys = new ArrayList<>(pool.keySet());
    java.util.Set<String> taken = new java.util.HashSet<>();
    have.forEach(p -> taken.add(p.nevra().nameArch()));
    List<InstalledPackage> out = new ArrayList<>();
    for (int tries = 0; out.size() < count && tries < count * 10; tries++) {
      String k = keys.get(r.nextInt(keys.size()));
      if (k.startsWith("kernel-livepatch") || !taken.add(k)) {
        continue;
      }
      int dot = k.lastIndexOf('.');
      List<Evr> v = pool.get(k);
      out.add(
          InstalledPackage.of(
              new Nevra(
                  k.substring(0, dot),
                  v.get(r.nextInt(v.size())),
                  Arch.parse(k.substring(dot + 1)))));
    }
    return out;
  }
}
