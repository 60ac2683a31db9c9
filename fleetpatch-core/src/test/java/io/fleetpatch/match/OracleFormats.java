package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the oracle's hand-made formats (shared/oracle README §4-5): mkhost {@code .pkgs}
 * lines and mkupdateinfo one-line advisories; and dnf's NEVRA spelling.
 */
final class OracleFormats {
  private OracleFormats() {}

  /** mkhost input: "name epoch version release arch" ('-' = no Epoch tag) or one NEVRA a line. */
  static List<Nevra> readPkgs(Path file) throws IOException {
    List<Nevra> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      int hash = line.indexOf('#');
      String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] f = t.split("\\s+");
      if (f.length == 1) {
        out.add(Nevra.parse(f[0]));
      } else {
        Long epoch = f[1].equals("-") ? null : Long.parseLong(f[1]);
        out.add(new Nevra(f[0], new Evr(epoch, f[2], f[3]), Arch.parse(f[4])));
      }
    }
    return out;
  }

  static Inventory inventory(String id, List<Nevra> pkgs, List<String> repos, String kernel) {
    return new Inventory(
        Host.of(id),
        OsRelease.UNKNOWN,
        kernel,
        pkgs.stream().map(InstalledPackage::of).toList(),
        repos,
        null,
        null,
        "test:" + id);
  }

  /** mkupdateinfo lines: ID TYPE SEVERITY ISSUED REFS FIXED-NEVRA... */
  static List<Advisory> readAdvisories(Path file, AdvisorySource source) throws IOException {
    List<Advisory> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] f = t.split("\\s+");
      List<String> cves = new ArrayList<>();
      List<Reference> refs = new ArrayList<>();
      for (String r : f[4].split(",")) {
        if (r.startsWith("CVE-")) {
          cves.add(r);
          refs.add(new Reference("cve", r, "", ""));
        } else {
          refs.add(new Reference("bugzilla", r, "", ""));
        }
      }
      List<FixedPackage> pkgs = new ArrayList<>();
      for (int i = 5; i < f.length; i++) {
        pkgs.add(FixedPackage.of(Nevra.parse(f[i]), null));
      }
      String sev = f[2].equals("-") ? "" : f[2];
      out.add(
          new Advisory(
              f[0],
              source,
              AdvisoryType.parse(f[1]),
              Severity.normalise(sev),
              sev,
              LocalDate.parse(f[3]).atStartOfDay().toInstant(ZoneOffset.UTC),
              null,
              "",
              "",
              cves,
              refs,
              pkgs,
              false,
              ""));
    }
    return out;
  }

  /** dnf's spelling in {@code updateinfo list}: the epoch only when it is not 0. */
  static String dnfNevra(Nevra n) {
    Evr e = n.evr();
    return n.name()
        + "-"
        + (e.epochOrZero() == 0 ? "" : e.epochOrZero() + ":")
        + e.version()
        + (e.release() == null ? "" : "-" + e.release())
        + "."
        + n.arch().name();
  }

  /** "ADV NEVRA" lines of a recorded dnf listing (comments skipped). */
  static List<String> readListing(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }
}
