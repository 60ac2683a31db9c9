package io.fleetpatch.rpm;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An rpm architecture name. Knows which arches can be installed on which (rpm's {@code rpmrc.in}
 * {@code arch_compat} lines) and which multilib pairs share a name on one host.
 */
public record Arch(String name) {
  public static final Arch NOARCH = new Arch("noarch");
  public static final Arch X86_64 = new Arch("x86_64");
  public static final Arch I686 = new Arch("i686");
  public static final Arch AARCH64 = new Arch("aarch64");
  public static final Arch SRC = new Arch("src");

  // rpm rpmrc.in, arch_compat: x86_64: amd64 em64t athlon noarch; athlon: i686; i686: i586;
  // i586: i486; i486: i386; i386: noarch. aarch64: noarch.
  private static final Map<String, Set<String>> COMPATIBLE =
      Map.of(
          "x86_64", Set.of("x86_64", "amd64", "athlon", "i686", "i586", "i486", "i386", "noarch"),
          "i686", Set.of("i686", "i586", "i486", "i386", "noarch"),
          "i586", Set.of("i586", "i486", "i386", "noarch"),
          "i486", Set.of("i486", "i386", "noarch"),
          "i386", Set.of("i386", "noarch"),
          "aarch64", Set.of("aarch64", "noarch"),
          "noarch", Set.of("noarch"));

  public Arch {
    Objects.requireNonNull(name, "arch");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty arch");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(RpmVersions.isDigit(c) || RpmVersions.isAlpha(c) || c == '_')) {
        throw new IllegalArgumentException("bad arch '" + name + "'");
      }
    }
  }

  public static Arch parse(String s) {
    return new Arch(s);
  }

  public boolean isNoarch() {
    return name.equals("noarch");
  }

  /** Whether a package of arch {@code pkg} can be installed on a host whose machine is this. */
  public boolean canInstall(Arch pkg) {
    Set<String> ok = COMPATIBLE.get(name);
    return ok == null ? pkg.equals(this) || pkg.isNoarch() : ok.contains(pkg.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
