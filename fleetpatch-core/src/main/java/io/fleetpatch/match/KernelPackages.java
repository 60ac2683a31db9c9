package io.fleetpatch.match;

import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.Set;

/** Which packages are installonly, which carry the running kernel, and which are its family. */
final class KernelPackages {
  private KernelPackages() {}

  /**
   * Installonly package names: dnf 4 / libdnf {@code libdnf/conf/Const.hpp} {@code INSTALLONLYPKGS}
   * = kernel, kernel-PAE, installonlypkg(kernel), installonlypkg(kernel-module),
   * installonlypkg(vm), multiversion(kernel); the provides are resolved to the Fedora/AL2023
   * package names that carry them (kernel-core, kernel-modules*, kernel-devel). AL2's yum 3 adds
   * {@code yum/config.py} {@code installonlypkgs} defaults: kernel-bigmem, kernel-enterprise,
   * kernel-smp, kernel-debug, kernel-unsupported, kernel-source, kernel-devel, kernel-PAE-debug.
   * dnf's updateinfo compares these, like every package, with the newest installed build of the
   * name.arch (oracle README gotcha 7); the list only decides where fleetpatch adds running-kernel
   * evidence.
   */
  static final Set<String> INSTALLONLY =
      Set.of(
          "kernel",
          "kernel-PAE",
          "kernel-core",
          "kernel-modules",
          "kernel-modules-extra",
          "kernel-modules-internal",
          "kernel-devel",
          "kernel-bigmem",
          "kernel-enterprise",
          "kernel-smp",
          "kernel-debug",
          "kernel-debug-devel",
          "kernel-unsupported",
          "kernel-source",
          "kernel-PAE-debug");

  /** Packages whose EVR.arch is what {@code uname -r} prints for the running kernel. */
  static final Set<String> RUNNING =
      Set.of("kernel", "kernel-core", "kernel-PAE", "kernel-debug", "kernel-smp", "kernel-bigmem");

  /**
   * Subpackages of the kernel source rpm (AL2 / AL2023 {@code kernel.spec}): a kernel CVE they
   * carry is live-patchable in the running kernel.
   */
  static final Set<String> FAMILY =
      Set.of(
          "kernel",
          "kernel-core",
          "kernel-modules",
          "kernel-modules-extra",
          "kernel-devel",
          "kernel-headers",
          "kernel-tools",
          "kernel-tools-devel",
          "kernel-tools-libs",
          "kernel-tools-libs-devel",
          "kernel-libbpf",
          "kernel-libbpf-devel",
          "kernel-libbpf-static",
          "perf",
          "python-perf",
          "python3-perf",
          "bpftool");

  /** Live patch packages: {@code kernel-livepatch-<kernel version>-<kernel release>}. */
  static final String LIVEPATCH_PREFIX = "kernel-livepatch-";

  static boolean isInstallonly(String name) {
    return INSTALLONLY.contains(name);
  }

  static boolean isFamily(String name) {
    return FAMILY.contains(name);
  }

  /** Whether {@code pkg} is the running kernel {@code uname -r} ({@code version-release.arch}). */
  static boolean isRunning(Nevra pkg, String unameR) {
    if (unameR == null || !RUNNING.contains(pkg.name())) {
      return false;
    }
    String v = pkg.evr().version();
    String r = pkg.evr().releaseOrEmpty();
    String a = pkg.arch().name();
    return unameR.length() == v.length() + 1 + r.length() + 1 + a.length()
        && unameR.startsWith(v)
        && unameR.charAt(v.length()) == '-'
        && unameR.startsWith(r, v.length() + 1)
        && unameR.charAt(v.length() + 1 + r.length()) == '.'
        && unameR.endsWith(a);
  }

  /**
   * The build of {@code name} that {@code uname -r} ({@code version-release.arch}) names, or null
   * when it is not of that form or the name does not carry the running kernel.
   */
  static Nevra runningBuild(String name, String unameR) {
    if (unameR == null || !RUNNING.contains(name)) {
      return null;
    }
    int dash = unameR.indexOf('-');
    int dot = unameR.lastIndexOf('.');
    if (dash <= 0 || dot <= dash + 1 || dot == unameR.length() - 1) {
      return null;
    }
    try {
      return new Nevra(
          name,
          new Evr(null, unameR.substring(0, dash), unameR.substring(dash + 1, dot)),
          Arch.parse(unameR.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether a {@code kernel-livepatch-<V>-<R>} package is for the running kernel: {@code uname -r}
   * starts with {@code V-R.} (AWS EC2 user guide, al2-live-patching: "kernel-livepatch-<kernel
   * version-release>-<lp version>-<lp release>"; the kernel release has the dist tag after it).
   */
  static boolean livepatchTargets(String livepatchName, String unameR) {
    if (unameR == null || !livepatchName.startsWith(LIVEPATCH_PREFIX)) {
      return false;
    }
    String kvr = livepatchName.substring(LIVEPATCH_PREFIX.length());
    return unameR.length() > kvr.length()
        && unameR.startsWith(kvr)
        && unameR.charAt(kvr.length()) == '.';
  }
}
