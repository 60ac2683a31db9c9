package io.fleetpatch.cli.bench;

import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventoryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One template host of a synthetic fleet: a fleetgen host (real base image package set, real
 * advisory versions) and the fleet directory it came from (for its {@code .pkgs} and repos).
 */
record FleetTemplate(Path fleet, Inventory inventory) {
  /** Every {@code hosts/*.inventory.json} of the fleet directories, in name order. */
  static List<FleetTemplate> read(List<Path> fleets) throws IOException {
    List<FleetTemplate> out = new ArrayList<>();
    for (Path dir : fleets) {
      for (Path f : inventoryFiles(dir)) {
        out.add(new FleetTemplate(dir, InventoryJson.read(f)));
      }
    }
    return out;
  }

  private static List<Path> inventoryFiles(Path fleet) throws IOException {
    Path hostsDir = fleet.resolve("hosts");
    try (Stream<Path> s = Files.list(Files.isDirectory(hostsDir) ? hostsDir : fleet)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".inventory.json"))
          .sorted()
          .toList();
    }
  }
}
