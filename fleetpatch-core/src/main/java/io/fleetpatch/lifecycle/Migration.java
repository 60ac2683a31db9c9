package io.fleetpatch.lifecycle;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Evr;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
   * @param installed the installed build's EVR on AL2
   * @param al2023 the AL2023 version-release
   */
  public record Available(String name, Evr installed, String al2023) {}

  /**
   * Compares an AL2 host's installed packages (by name; one entry per name, the first build of that
   * name in the inventory) with AL2023's.
   */
  public static Migration of(Inventory inventory, Al2023Packages al2023) {
    List<InstalledPackage> pkgs = inventory.packages();
    if (!byName(pkgs)) {
      // readers list packages by name already; sort only what is not
      InstalledPackage[] sorted = pkgs.toArray(new InstalledPackage[0]);
      Arrays.sort(sorted, Comparator.comparing(InstalledPackage::name));
      pkgs = Arrays.asList(sorted);
    }
    Available[] available = new Available[pkgs.size()];
    String[] missing = new String[pkgs.size()];
    int a = 0;
    int m = 0;
    String last = null;
    for (InstalledPackage p : pkgs) {
      String name = p.name();
      if (name.equals(last)) {
        continue;
      }
      last = name;
      String v = al2023.versionOrNull(name);
      if (v == null) {
        missing[m++] = name;
      } else {
        available[a++] = new Available(name, p.nevra().evr(), v);
      }
    }
    return new Migration(
        inventory.host().id(),
        List.of(Arrays.copyOf(available, a)),
        List.of(Arrays.copyOf(missing, m)),
        al2023.release());
  }

  private static boolean byName(List<InstalledPackage> pkgs) {
    for (int i = 1; i < pkgs.size(); i++) {
      if (pkgs.get(i - 1).name().compareTo(pkgs.get(i).name()) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the host is AL2, the only OS this view is for. */
  public static boolean appliesTo(Inventory inventory) {
    return inventory.os().id().equals("amzn") && inventory.os().versionId().equals("2");
  }
}
