package io.fleetpatch.match;

import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fleets made by the oracle's fleetgen (shared/oracle README §13), generated once and reused. */
final class FleetFixtures {
  private FleetFixtures() {}

  /**
   * Runs {@code fleetgen} unless {@code out/fleet.json} already exists (fleets are reproducible
   * from the seed: host i is the same whatever else changes).
   */
  static Path fleet(Path out, String... args) throws IOException, InterruptedException {
    if (Files.exists(out.resolve("fleet.json"))) {
      return out;
    }
    Path fleetgen = SharedData.oracle("bin/fleetgen");
    Tools.require(fleetgen.toString(), "dnf", "rpm");
    List<String> cmd = new ArrayList<>(List.of(fleetgen.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--jobs",
            "2",
            "--quiet",
            "--work",
            out.resolveSibling("work").toString(),
            "--out",
            out.toString()));
    Files.createDirectories(out.getParent());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("fleetgen " + String.join(" ", args) + " failed:\n" + log);
    }
    return out;
  }

  /** The fleetgen hosts of a fleet, in name order. */
  static List<String> hosts(Path fleet) throws IOException {
    try (var s = Files.list(fleet.resolve("hosts"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".inventory.json"))
          .map(n -> n.substring(0, n.length() - ".inventory.json".length()))
          .sorted()
          .toList();
    }
  }

  /** fleetgen's simple inventory form, read by the product's reader. */
  static Inventory inventory(Path fleet, String host) {
    return InventoryJson.read(fleet.resolve("hosts").resolve(host + ".inventory.json"));
  }

  /** dnf's expected "ADVISORY NEVRA" lines for a host ({@code suffix} "" or ".installed"). */
  static List<String> expected(Path fleet, String host, String suffix) throws IOException {
    return OracleFormats.readListing(fleet.resolve("expected").resolve(host + suffix + ".txt"));
  }
}
