package io.fleetpatch.inventory.collect;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.rpm.db.HeaderBlob;
import io.fleetpatch.rpm.db.Rpmdb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The installed packages of an rpm database file: its headers, decoded. */
final class RpmdbPackages {
  List<InstalledPackage> read(Path file) {
    List<InstalledPackage> out = new ArrayList<>();
    for (HeaderBlob b : Rpmdb.read(file)) {
      throw new IllegalStateException("not built yet " + b);
    }
    return out;
  }
}
