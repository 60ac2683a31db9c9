package io.fleetpatch.inventory.collect;

import io.fleetpatch.inventory.BuildPool;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.rpm.db.Rpmdb;
import io.fleetpatch.rpm.db.RpmdbFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entry point that turns a SOURCE into an {@link Inventory}, whatever it is: an rpm
 * database file (told by its magic bytes: sqlite, Berkeley DB hash, NDB) or a directory holding
 * one, a root filesystem (a directory with {@code var/lib/rpm} or {@code usr/lib/sysimage/rpm}; its
 * os-release files are read too), an inventory JSON document, or {@code rpm -qa} text. Everything
 * is read-only: rpm databases are never locked or written.
 */
public final class InventorySources {
  /** Larger text or JSON files are refused (a 100,000-package {@code rpm -qa} is ~5 MB). */
  static final long MAX_TEXT_BYTES = 256L << 20;

  private final Arch defaultArch;
  private final Clock clock;

  /**
   * The builds of every inventory this reader has read, one object each (see {@link BuildPool}).
   */
  private final BuildPool builds = new BuildPool();

  /**
   * @param defaultArch the arch given to packages of {@code rpm -qa} layouts without an arch column
   *     ({@link RpmQaText})
   * @param clock stamps {@code collectedAt} for sources read now (rpmdb, root, text)
   */
  public InventorySources(Arch defaultArch, Clock clock) {
    this.defaultArch = Objects.requireNonNull(defaultArch, "defaultArch");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** x86_64 for arch-less text, the system clock. */
  public static InventorySources standard() {
    return new InventorySources(Arch.X86_64, Clock.systemUTC());
  }

  /** What {@code source} is; a {@link Problem} when it is none of the known kinds. */
  public static SourceKind detect(Path source) {
    if (Files.isDirectory(source)) {
      if (ContainerImage.isOciLayout(source)) {
        return SourceKind.OCI_LAYOUT;
      }
      if (RootFilesystem.looksLikeRoot(source)) {
        return SourceKind.ROOT_FS;
      }
      if (Rpmdb.findIn(source).isPresent()) {
        return SourceKind.RPMDB;
      }
      throw new ProblemException(
          Problem.of(
              source.toString(),
              "directory holds no rpm database (rpmdb.sqlite, Packages.db or Packages) and no"
                  + " var/lib/rpm or usr/lib/sysimage/rpm"));
    }
    byte[] head = head(source);
    if (RpmdbFormat.detect(head) != null) {
      return SourceKind.RPMDB;
    }
    if (ContainerImage.isTar(head)) {
      return SourceKind.DOCKER_ARCHIVE;
    }
    if (RpmdbFormat.isBdbBtree(head)) {
      throw new ProblemException(
          Problem.of(
              source.toString(),
              "a Berkeley DB btree file (an rpm index such as Name), not the Packages database"));
    }
    for (byte b : head) {
      if (b == 0) {
        throw new ProblemException(
            Problem.of(
                source.toString(),
                "binary file of unknown format: not an rpm database (sqlite, Berkeley DB hash,"
                    + " NDB), inventory JSON or rpm -qa text"));
      }
    }
    for (byte b : head) {
      if (b == '{' || b == '[') {
        return SourceKind.INVENTORY_JSON;
      }
      if (!(b == ' '
          || b == '\t'
          || b == '\n'
          || b == '\r'
          || b == (byte) 0xEF
          || b == (byte) 0xBB
          || b == (byte) 0xBF)) {
        break;
      }
    }
    return SourceKind.RPM_QA_TEXT;
  }

  /**
   * Reads {@code source}, whatever it is (see the class comment), its builds shared with those of
   * the inventories this reader read before ({@link BuildPool}).
   */
  public Inventory read(Path source) {
    if (!Files.exists(source)) {
      throw new UncheckedIOException(new NoSuchFileException(source.toString()));
    }
    return builds.share(readUnshared(source));
  }

  private Inventory readUnshared(Path source) {
    return switch (detect(source)) {
      case INVENTORY_JSON -> {
        checkSize(source);
        yield InventoryJson.read(source);
      }
      case RPM_QA_TEXT -> readText(source);
      case RPMDB -> readRpmdb(source);
      case ROOT_FS -> readRoot(source);
      case DOCKER_ARCHIVE -> {
        try (ContainerImage.Unpacked img = ContainerImage.readDockerArchive(source, null)) {
          yield readRoot(
              img.root(),
              img.name(),
              "image:docker-archive:" + source.toAbsolutePath().normalize());
        }
      }
      case OCI_LAYOUT -> {
        try (ContainerImage.Unpacked img = ContainerImage.readOci(source, null)) {
          yield readRoot(
              img.root(), img.name(), "image:oci:" + source.toAbsolutePath().normalize());
        }
      }
    };
  }

  private Inventory readText(Path file) {
    checkSize(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.of(file.toString(), "not UTF-8 text: " + e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<InstalledPackage> pkgs = new RpmQaText(defaultArch).parse(text, file.toString());
    return new Inventory(
        Host.of(hostIdFromFile(file)),
        OsRelease.UNKNOWN,
        null,
        sorted(pkgs),
        null,
        null,
        clock.instant(),
        "rpm-qa:" + file.toAbsolutePath().normalize());
  }

  private Inventory readRpmdb(Path source) {
    Path file = Files.isDirectory(source) ? Rpmdb.findIn(source).orElseThrow() : source;
    List<InstalledPackage> pkgs = RpmdbPackages.read(file);
    Path dir = file.toAbsolutePath().normalize().getParent();
    return new Inventory(
        Host.of(hostIdFromRpmdbDir(dir)),
        OsRelease.UNKNOWN,
        null,
        sorted(pkgs),
        null,
        null,
        clock.instant(),
        "rpmdb:"
            + Rpmdb.formatOf(file).name().toLowerCase(java.util.Locale.ROOT)
            + ":"
            + file.toAbsolutePath().normalize());
  }

  private Inventory readRoot(Path root) {
    return readRoot(root, null, null);
  }

  /**
   * A root filesystem; {@code name} and {@code source} (both null for a plain root) stand in for
   * the directory's name and path when it is an image's temporary root.
   */
  private Inventory readRoot(Path root, String name, String source) {
    RootFilesystem fs = new RootFilesystem(root);
    List<Path> dirs = fs.rpmdbDirs();
    Optional<Path> file = Optional.empty();
    for (Path d : dirs) {
      file = Rpmdb.findIn(d);
      if (file.isPresent()) {
        break;
      }
    }
    if (file.isEmpty()) {
      throw new ProblemException(
          Problem.of(
              source != null ? source : root.toString(),
              "root filesystem without an rpm database: no rpmdb.sqlite, Packages.db or Packages in "
                  + String.join(" or ", RootFilesystem.RPMDB_DIRS)));
    }
    List<InstalledPackage> pkgs = RpmdbPackages.read(file.get());
    String id =
        fs.hostname()
            .orElseGet(
                () -> name != null ? name : nameOf(root.toAbsolutePath().normalize(), "root"));
    return new Inventory(
        new Host(id, fs.hostname().orElse(null), java.util.Map.of()),
        fs.osRelease(),
        null,
        sorted(pkgs),
        YumRepos.enabled(fs).orElse(null),
        null,
        clock.instant(),
        source != null
            ? source
            : "root:"
                + Rpmdb.formatOf(file.get()).name().toLowerCase(java.util.Locale.ROOT)
                + ":"
                + root.toAbsolutePath().normalize());
  }

  private static List<InstalledPackage> sorted(List<InstalledPackage> pkgs) {
    List<InstalledPackage> out = new ArrayList<>(pkgs);
    out.sort(Comparator.comparing(InstalledPackage::nevra, Nevra.LISTING));
    return out;
  }

  /** {@code al2-001.txt} -> {@code al2-001}. */
  private static String hostIdFromFile(Path file) {
    String n = nameOf(file, "host");
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /** The host directory above {@code .../var/lib/rpm}, else the database's own directory name. */
  private static String hostIdFromRpmdbDir(Path dir) {
    for (String layout : RootFilesystem.RPMDB_DIRS) {
      Path d = dir;
      boolean matches = true;
      String[] parts = layout.split("/");
      for (int i = parts.length - 1; i >= 0 && matches; i--) {
        matches =
            d != null && d.getFileName() != null && d.getFileName().toString().equals(parts[i]);
        d = d == null ? null : d.getParent();
      }
      if (matches && d != null && d.getFileName() != null) {
        return d.getFileName().toString();
      }
    }
    return nameOf(dir, "host");
  }

  private static String nameOf(Path p, String fallback) {
    return p == null || p.getFileName() == null ? fallback : p.getFileName().toString();
  }

  private static void checkSize(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_TEXT_BYTES) {
        throw new ProblemException(
            Problem.of(
                file.toString(),
                "text file of "
                    + size
                    + " bytes is larger than the "
                    + MAX_TEXT_BYTES
                    + "-byte limit"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(4096);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
