package io.fleetpatch.lifecycle;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Evr;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

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
    // the views of(...) makes are immutable; anything else is copied
    available = available instanceof AvailableList view ? view : List.copyOf(available);
    missing = missing instanceof MissingList view ? view : List.copyOf(missing);
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
      pkgs = List.of(sorted);
    }
    // which packages (first build of each name) AL2023 ships and which it does not, as positions:
    // the records are made when the lists are read (a fleet's hosts are judged by the 100,000)
    int[] available = new int[pkgs.size()];
    int[] missing = new int[pkgs.size()];
    int a = 0;
    int m = 0;
    String last = null;
    for (int i = 0; i < pkgs.size(); i++) {
      String name = pkgs.get(i).name();
      if (name.equals(last)) {
        continue;
      }
      last = name;
      if (al2023.versionOrNull(name) == null) {
        missing[m++] = i;
      } else {
        available[a++] = i;
      }
    }
    return new Migration(
        inventory.host().id(),
        new AvailableList(pkgs, Arrays.copyOf(available, a), al2023),
        new MissingList(pkgs, Arrays.copyOf(missing, m)),
        al2023.release());
  }

  /** Installed packages AL2023 ships, read from the host's package list by position. */
  private static final class AvailableList extends AbstractList<Available> implements RandomAccess {
    private final List<InstalledPackage> pkgs;
    private final int[] at;
    private final Al2023Packages al2023;

    AvailableList(List<InstalledPackage> pkgs, int[] at, Al2023Packages al2023) {
      this.pkgs = pkgs;
      this.at = at;
      this.al2023 = al2023;
    }

    @Override
    public Available get(int j) {
      InstalledPackage p = pkgs.get(at[j]);
      return new Available(p.name(), p.nevra().evr(), al2023.versionOrNull(p.name()));
    }

    @Override
    public int size() {
      return at.length;
    }
  }

  /** Installed package names AL2023 does not ship, read from the host's package list. */
  private static final class MissingList extends AbstractList<String> implements RandomAccess {
    private final List<InstalledPackage> pkgs;
    private final int[] at;

    MissingList(List<InstalledPackage> pkgs, int[] at) {
      this.pkgs = pkgs;
      this.at = at;
    }

    @Override
    public String get(int j) {
      return pkgs.get(at[j]).name();
    }

    @Override
    public int size() {
      return at.length;
    }
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
