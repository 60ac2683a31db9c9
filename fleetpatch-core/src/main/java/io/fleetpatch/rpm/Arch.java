package io.fleetpatch.rpm;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An rpm architecture name (letters, digits and {@code '_'}, as in a NEVRA's last dot-separated
 * field). Knows which package arches a machine of this arch can install, from rpm's own table
 * ({@code rpmrc.in}, {@code arch_compat} lines, followed transitively as {@code lib/rpmrc.c} {@code
 * machCompatCacheAdd} does), and which names rpm knows as arches at all.
 */
public record Arch(String name) {
  public static final Arch NOARCH = new Arch("noarch");
  public static final Arch X86_64 = new Arch("x86_64");
  public static final Arch I686 = new Arch("i686");
  public static final Arch AARCH64 = new Arch("aarch64");
  public static final Arch SRC = new Arch("src");

  /**
   * rpm 4.18 {@code rpmrc.in}, every {@code arch_compat: ARCH: COMPATIBLE...} line, verbatim,
   * except those of {@code hppa1.0..hppa2.0} (a '.' cannot be part of a NEVRA's arch). The test
   * compares this table with the installed {@code /usr/lib/rpm/rpmrc}.
   */
  private static final List<String> ARCH_COMPAT =
      List.of(
          "alphaev67: alphaev6",
          "alphaev6: alphapca56",
          "alphapca56: alphaev56",
          "alphaev56: alphaev5",
          "alphaev5: alpha",
          "alpha: axp noarch",
          "athlon: i686",
          "geode: i586",
          "pentium4: pentium3",
          "pentium3: i686",
          "i686: i586",
          "i586: i486",
          "i486: i386",
          "i386: noarch fat",
          "osfmach3_i686: i686 osfmach3_i586",
          "osfmach3_i586: i586 osfmach3_i486",
          "osfmach3_i486: i486 osfmach3_i386",
          "osfmach3_i386: i486",
          "osfmach3_ppc: ppc",
          "powerpc: ppc",
          "powerppc: ppc",
          "ppc8260: ppc",
          "ppc8560: ppc",
          "ppc32dy4: ppc",
          "ppciseries: ppc",
          "ppcpseries: ppc",
          "ppc64: ppc",
          "ppc: rs6000",
          "rs6000: noarch fat",
          "ppc64pseries: ppc64",
          "ppc64iseries: ppc64",
          "ppc64p7: ppc64",
          "ppc64le: noarch fat",
          "sun4c: sparc",
          "sun4d: sparc",
          "sun4m: sparc",
          "sun4u: sparc64",
          "sparc64v: sparc64",
          "sparc64: sparcv9",
          "sparcv9v: sparcv9",
          "sparcv9: sparcv8",
          "sparcv8: sparc",
          "sparc: noarch",
          "mips: noarch",
          "mipsel: noarch",
          "mips64: mips",
          "mips64el: mipsel",
          "mipsr6: noarch",
          "mipsr6el: noarch",
          "mips64r6: mipsr6",
          "mips64r6el: mipsr6el",
          "parisc: noarch",
          "armv4b: noarch",
          "armv8l: armv7l",
          "armv7l: armv6l",
          "armv6l: armv5tejl",
          "armv5tejl: armv5tel",
          "armv5tel: armv5tl",
          "armv5tl: armv4tl",
          "armv4tl: armv4l",
          "armv4l: armv3l",
          "armv3l: noarch",
          "armv8hl: armv7hl",
          "armv7hnl: armv7hl",
          "armv7hl: armv6hl",
          "armv6hl: noarch",
          "m68k: noarch",
          "atarist: m68kmint noarch",
          "atariste: m68kmint noarch",
          "ataritt: m68kmint noarch",
          "falcon: m68kmint noarch",
          "atariclone: m68kmint noarch",
          "milan: m68kmint noarch",
          "hades: m68kmint noarch",
          "i370: noarch",
          "s390: noarch",
          "s390x: s390 noarch",
          "ia64: noarch",
          "x86_64: amd64 em64t athlon noarch",
          "amd64: x86_64 em64t athlon noarch",
          "ia32e: x86_64 em64t athlon noarch",
          "sh3: noarch",
          "sh4: noarch",
          "sh4a: sh4",
          "aarch64: noarch",
          "riscv: noarch",
          "riscv64: noarch",
          "loongarch64: noarch");

  /** Machine arch to every package arch it can install (itself included), transitively. */
  private static final Map<String, Set<String>> COMPATIBLE = closure(ARCH_COMPAT);

  /**
   * Arch names rpm knows: every name of the {@code arch_compat} table, plus the source arches
   * {@code src} and {@code nosrc} that rpm gives source packages ({@code lib/rpmte.c}, {@code
   * headerIsSource}).
   */
  private static final Set<String> KNOWN = known();

  public Arch {
    Objects.requireNonNull(name, "arch");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty arch");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(RpmVersions.isDigit(c) || RpmVersions.isAlpha(c) || c == '_')) {
        throw new IllegalArgumentException("bad arch " + Quote.of(name));
      }
    }
  }

  public static Arch parse(String s) {
    return new Arch(s);
  }

  public boolean isNoarch() {
    return name.equals("noarch");
  }

  /** Whether this is a source arch ({@code src}, {@code nosrc}). */
  public boolean isSource() {
    return name.equals("src") || name.equals("nosrc");
  }

  /** Whether rpm knows this name as an arch (its {@code rpmrc.in} table, or src/nosrc). */
  public boolean isKnown() {
    return KNOWN.contains(name);
  }

  /**
   * Whether a package of arch {@code pkg} can be installed on a machine of this arch: {@code pkg}
   * is this arch, or reachable through rpm's {@code arch_compat} lines (an x86_64 host takes
   * x86_64, i686, i586, i486, i386 and noarch; aarch64 takes aarch64 and noarch). An arch rpm does
   * not know takes itself and noarch. Source packages are never installed.
   */
  public boolean canInstall(Arch pkg) {
    if (pkg.isSource()) {
      return false;
    }
    Set<String> ok = COMPATIBLE.get(name);
    return ok == null ? pkg.equals(this) || pkg.isNoarch() : ok.contains(pkg.name);
  }

  /** The package arches a machine of this arch can install, for reports and tests. */
  public Set<String> installable() {
    Set<String> ok = COMPATIBLE.get(name);
    if (ok != null) {
      return ok;
    }
    return isSource() ? Set.of() : isNoarch() ? Set.of(name) : Set.of(name, "noarch");
  }

  @Override
  public String toString() {
    return name;
  }

  private static Map<String, Set<String>> closure(List<String> lines) {
    Map<String, List<String>> direct = new HashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      direct.put(
          line.substring(0, colon).strip(), List.of(line.substring(colon + 1).strip().split(" ")));
    }
    Map<String, Set<String>> all = new HashMap<>();
    for (String arch : direct.keySet()) {
      Set<String> seen = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(arch));
      while (!todo.isEmpty()) {
        String a = todo.pop();
        if (seen.add(a)) {
          todo.addAll(direct.getOrDefault(a, List.of()));
        }
      }
      all.put(arch, Collections.unmodifiableSet(seen));
    }
    return Map.copyOf(all);
  }

  private static Set<String> known() {
    Set<String> names = new LinkedHashSet<>(List.of("src", "nosrc"));
    for (Set<String> s : COMPATIBLE.values()) {
      names.addAll(s);
    }
    names.addAll(COMPATIBLE.keySet());
    return Set.copyOf(names);
  }
}
