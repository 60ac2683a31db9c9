package io.fleetpatch.inventory.collect;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.rpm.db.HeaderBlob;
import io.fleetpatch.rpm.db.Rpmdb;
import io.fleetpatch.rpm.header.HeaderFormatException;
import io.fleetpatch.rpm.header.PackageHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The installed packages of an rpm database file: its header blobs, decoded. */
final class RpmdbPackages {
  private RpmdbPackages() {}

  static List<InstalledPackage> read(Path file) {
    List<HeaderBlob> blobs = Rpmdb.read(file);
    List<InstalledPackage> out = new ArrayList<>(blobs.size());
    for (HeaderBlob b : blobs) {
      out.add(toPackage(b, file.toString()));
    }
    return out;
  }

  /**
   * One header as an installed package. A header without ARCH (gpg-pubkey) gets noarch, as libsolv
   * does (ext/repo_rpmdb.c {@code rpmhead2solv}).
   */
  static InstalledPackage toPackage(HeaderBlob b, String source) {
    String where = "header instance " + b.instance();
    try {
      PackageHeader h = PackageHeader.parse(b.blob());
      Nevra nevra =
          Nevra.of(
              h.name(),
              new Evr(h.epoch(), h.version(), h.release()),
              h.arch() == null ? Arch.NOARCH : Arch.parse(h.arch()));
      return new InstalledPackage(
          nevra, h.sourceRpm(), h.vendor(), h.installTime(), h.signatureKeyId(), null);
    } catch (HeaderFormatException | IllegalArgumentException e) {
      throw new ProblemException(Problem.at(source, where, e.getMessage()), e);
    }
  }
}
