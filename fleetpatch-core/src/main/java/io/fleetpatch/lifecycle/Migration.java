package io.fleetpatch.lifecycle;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The AL2 → AL2023 migration view of one host: which of its installed packages (by name) AL2023
 * ships, and which it does not and need a replacement or another source.
 *
 * @param hostId the host
 * @param available installed package names AL2023 ships, with the AL2023 version-release
 * @param missing installed package names AL2023 does not ship (sorted)
 * @param al2023Release the AL2023 release compared with
 */
public record Migration(
    String hostId, List<Available> available, List<String> missing, String al2023Release) {
  public Migration {
    available = List.copyOf(available);
    missing = List.copyOf(missing);
  }

  /**
   * An installed package AL2023 ships.
   *
   * @param name package name
   * @param installed the installed version-release on AL2
   * @param al2023 the AL2023 version-release
   */
  public record Available(String name, String installed, String al2023) {}

  /** Compares an AL2 host's installed packages (by name; one entry per name) with AL2023's. */
  public static Migration of(Inventory inventory, Al2023Packages al2023) {
    TreeMap<String, String> installed = new TreeMap<>();
    for (InstalledPackage p : inventory.packages()) {
      String vr = p.nevra().evr().version() + "-" + p.nevra().evr().releaseOrEmpty();
      installed.merge(p.name(), vr, (a, b) -> a);
    }
    List<Available> available = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    installed.forEach(
        (name, vr) ->
            al2023
                .version(name)
                .ifPresentOrElse(
                    v -> available.add(new Available(name, vr, v)), () -> missing.add(name)));
    return new Migration(inventory.host().id(), available, missing, al2023.release());
  }

  /** Whether the host is AL2, the only OS this view is for. */
  public static boolean appliesTo(Inventory inventory) {
    return inventory.os().id().equals("amzn") && inventory.os().versionId().equals("2");
  }
}
