package io.fleetpatch.cli;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.rpm.Arch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch inventory SOURCE [--format nevra|json|table]}. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    header =
        "Show what a host has installed, read from its rpm database, root filesystem, container"
            + " image or a saved inventory.",
    description = {
      "",
      "SOURCE is any of (told apart by content, not by name):",
      "  - an rpm database file: rpmdb.sqlite (rpm >= 4.16), Berkeley DB 'Packages' (rpm < 4.16,"
          + " e.g. Amazon Linux 2, CentOS 7, RHEL 8) or NDB 'Packages.db' (SUSE), or a directory"
          + " holding one;",
      "  - a root filesystem: a directory with var/lib/rpm or usr/lib/sysimage/rpm; its"
          + " etc/os-release, etc/system-release and etc/alinux-release are read too, and the"
          + " enabled repos of etc/yum.repos.d/*.repo (section names as on the host; 'enabled'"
          + " absent = enabled, as in dnf);",
      "  - a container image: a 'docker save' tarball or an OCI image layout directory. Layers"
          + " are streamed and applied in order with OCI whiteouts; only the rpm database,"
          + " release files and repo files are extracted, to a temp dir deleted afterwards."
          + " Every blob's sha256 and each layer's diff_id are checked; a mismatch, missing blob,"
          + " '..' entry or truncated layer is exit 3 naming the file and the layer;",
      "  - an inventory JSON document (fleetpatch.inventory/v1, or the oracle's simple form);",
      "  - 'rpm -qa' output: plain NEVRA lines or tab-separated --qf layouts"
          + " (docs/inventory-v1.md). Layouts without an arch column get --arch.",
      "",
      "Databases are read in pure Java and strictly read-only: no lock is taken and nothing is"
          + " written next to them (sqlite is opened immutable: no -shm/-wal files). Headers are"
          + " validated as rpm's lib/header.c does; a corrupt, truncated or foreign file stops"
          + " with exit code 3 and one line naming the file and what is wrong.",
      "",
      "Not built yet: yumdb/dnf-history repo of each package; kernel/livepatch of a root"
          + " filesystem or image.",
      ""
    },
    footer = {
      "",
      "Formats:",
      "  nevra  one 'name-epoch:version-release.arch' per line, sorted, epoch always written"
          + " (0 when absent): the same as",
      "         rpm -qa --dbpath DIR --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n' | sort",
      "  json   the fleetpatch.inventory/v1 document (docs/inventory-v1.md)",
      "  table  name, epoch, version, release, arch, install time and key id, aligned",
      "",
      "Examples:",
      "  fleetpatch inventory /var/lib/rpm --format nevra",
      "  fleetpatch inventory /mnt/host-root --format json > host.json",
      "  docker save amazonlinux:2 -o al2.tar && fleetpatch inventory al2.tar --format nevra",
      "  fleetpatch inventory ./al2023.oci --format json",
      "  rpm -qa > host.txt && fleetpatch inventory host.txt",
      "  fleetpatch inventory --arch aarch64 snyk-output.txt"
    })
final class InventoryCommand implements Callable<Integer> {
  /** Output formats of this command. */
  enum Format {
    nevra,
    json,
    table
  }

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "nevra, json or table (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  Format format;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      description =
          "Arch given to packages of 'rpm -qa' layouts that have no arch column (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "x86_64")
  String arch;

  @Parameters(
      paramLabel = "SOURCE",
      description = "rpm database, root filesystem, container image, JSON or text.")
  Path source;

  @Override
  public Integer call() {
    Arch defaultArch;
    try {
      defaultArch = Arch.parse(arch);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Inventory inv = new InventorySources(defaultArch, Clock.systemUTC()).read(source);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case nevra -> out.print(nevraLines(inv));
      case json -> out.print(InventoryJson.write(inv));
      case table -> out.print(table(inv));
    }
    out.flush();
    return ExitCode.OK;
  }

  /** One full NEVRA per line, sorted as {@code sort} (C locale, byte order) would sort them. */
  static String nevraLines(Inventory inv) {
    List<String> lines = new ArrayList<>(inv.packages().size());
    for (InstalledPackage p : inv.packages()) {
      lines.add(p.nevra().toFullString());
    }
    lines.sort(null);
    StringBuilder b = new StringBuilder(lines.size() * 48);
    for (String l : lines) {
      b.append(l).append('\n');
    }
    return b.toString();
  }

  static String table(Inventory inv) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "EPOCH", "VERSION", "RELEASE", "ARCH", "INSTALLED", "KEY ID"});
    for (InstalledPackage p : inv.packages()) {
      var e = p.nevra().evr();
      rows.add(
          new String[] {
            p.name(),
            e.epoch() == null ? "-" : e.epoch().toString(),
            e.version(),
            e.releaseOrEmpty(),
            p.nevra().arch().name(),
            p.installTime() == null
                ? "-"
                : java.time.Instant.ofEpochSecond(p.installTime()).toString().substring(0, 10),
            p.signatureKeyId() == null ? "-" : p.signatureKeyId()
          });
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("host ")
        .append(inv.host().id())
        .append(", ")
        .append(inv.os().prettyName().isEmpty() ? "os unknown" : inv.os().prettyName())
        .append(", ")
        .append(inv.packages().size())
        .append(" packages (")
        .append(inv.source())
        .append(")\n");
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        b.append(r[i]);
        if (i < r.length - 1) {
          b.append(" ".repeat(w[i] - r[i].length() + 2));
        }
      }
      b.append('\n');
    }
    return b.toString();
  }
}
