package io.fleetpatch.rpm;

import java.util.Comparator;
import java.util.Objects;

/**
 * A package's name, epoch, version, release and arch. {@link #parse(String)} reads {@code
 * name-[epoch:]version-release.arch} and {@link #toString()} writes it back (the epoch only when
 * the package has one); {@link #toFullString()} always writes the epoch, as {@code fleetpatch
 * inventory --format nevra} prints it. Every package has a release (rpmbuild requires the Release
 * tag), so a Nevra's {@link Evr} always has one. Other notations ({@code rpm -qa} output, {@code
 * --qf} columns, updateinfo attributes) are read by {@link NevraFormats}.
 */
public record Nevra(String name, Evr evr, Arch arch) implements Comparable<Nevra> {
  /** Sort order of listings: name, then arch, then rpm's EVR order. */
  public static final Comparator<Nevra> LISTING =
      Comparator.comparing(Nevra::name)
          .thenComparing(n -> n.arch().name())
          .thenComparing(Nevra::evr);

  public Nevra {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(evr, "evr");
    Objects.requireNonNull(arch, "arch");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty package name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '/') {
        throw new IllegalArgumentException("bad package name " + Quote.of(name));
      }
    }
    if (evr.release() == null) {
      throw new IllegalArgumentException("package " + Quote.of(name) + " has no release: " + evr);
    }
  }

  public static Nevra of(String name, Evr evr, Arch arch) {
    return new Nevra(name, evr, arch);
  }

  /**
   * Parses {@code name-[epoch:]version-release.arch}: the arch follows the last '.', the release
   * the last '-', the version the '-' before it (rpm's NEVRA convention, as {@code %{nevra}} prints
   * it in {@code lib/formats.c}; names may contain '-' and '.').
   *
   * @throws IllegalArgumentException quoting the input when it is not a NEVRA
   */
  public static Nevra parse(String s) {
    Objects.requireNonNull(s, "nevra");
    int dot = s.lastIndexOf('.');
    int rel = s.lastIndexOf('-');
    if (dot < 0 || rel < 0 || dot < rel) {
      throw notNevra(s, "no '-release.arch' at the end");
    }
    int ver = rel == 0 ? -1 : s.lastIndexOf('-', rel - 1);
    if (ver <= 0) {
      throw notNevra(s, ver == 0 ? "empty name" : "no '-version-release'");
    }
    try {
      return new Nevra(
          s.substring(0, ver),
          Evr.parse(s.substring(ver + 1, dot)),
          Arch.parse(s.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      throw notNevra(s, e.getMessage());
    }
  }

  private static IllegalArgumentException notNevra(String s, String why) {
    return new IllegalArgumentException(
        "not a NEVRA (name-[epoch:]version-release.arch): " + Quote.of(s) + " (" + why + ")");
  }

  /**
   * Parses an rpm file name {@code name-version-release.arch.rpm} (rpm's {@code
   * %{_build_name_fmt}}, {@code %{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}.rpm}; file names carry no
   * epoch), with or without a leading directory, as updateinfo's {@code <filename>} holds it.
   */
  public static Nevra parseFilename(String filename) {
    Objects.requireNonNull(filename, "filename");
    String base = filename.substring(filename.lastIndexOf('/') + 1);
    if (!base.endsWith(".rpm")) {
      throw new IllegalArgumentException("not an rpm file name: " + Quote.of(filename));
    }
    Nevra n;
    try {
      n = parse(base.substring(0, base.length() - 4));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an rpm file name (name-version-release.arch.rpm): "
              + Quote.of(filename)
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    if (n.evr().epoch() != null) {
      throw new IllegalArgumentException("rpm file names carry no epoch: " + Quote.of(filename));
    }
    return n;
  }

  /** {@code name.arch}, the key dnf matches advisory packages by. */
  public String nameArch() {
    return name + "." + arch.name();
  }

  /** {@code name-epoch:version-release.arch}, with the epoch always written. */
  public String toFullString() {
    return name + "-" + evr.toFullString() + "." + arch.name();
  }

  @Override
  public int compareTo(Nevra o) {
    return LISTING.compare(this, o);
  }

  @Override
  public String toString() {
    return name + "-" + evr + "." + arch.name();
  }
}
