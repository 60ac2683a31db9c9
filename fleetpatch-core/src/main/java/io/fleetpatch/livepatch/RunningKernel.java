package io.fleetpatch.livepatch;

import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.Optional;

/** The running kernel as {@code uname -r} prints it: {@code version-release.arch}. */
public final class RunningKernel {
  private RunningKernel() {}

  /**
   * The {@code kernel} package build {@code uname -r} names, e.g. {@code
   * 4.14.336-257.566.amzn2.x86_64} → kernel-4.14.336-257.566.amzn2.x86_64; empty when it is not in
   * that form (a custom kernel without release or arch).
   */
  public static Optional<Nevra> parse(String unameR) {
    if (unameR == null) {
      return Optional.empty();
    }
    int dash = unameR.indexOf('-');
    int dot = unameR.lastIndexOf('.');
    if (dash <= 0 || dot <= dash + 1 || dot == unameR.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Nevra(
              "kernel",
              new Evr(null, unameR.substring(0, dash), unameR.substring(dash + 1, dot)),
              Arch.parse(unameR.substring(dot + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The kernel series, the first two version components: {@code 5.10} of {@code 5.10.106}. */
  public static String series(Nevra kernel) {
    String v = kernel.evr().version();
    int first = v.indexOf('.');
    int second = first < 0 ? -1 : v.indexOf('.', first + 1);
    return second < 0 ? v : v.substring(0, second);
  }

  /** {@code version-release} of a kernel build: the part of a livepatch package name after it. */
  public static String versionRelease(Nevra kernel, String distTag) {
    String r = kernel.evr().releaseOrEmpty();
    if (distTag != null && r.endsWith("." + distTag)) {
      r = r.substring(0, r.length() - distTag.length() - 1);
    }
    return kernel.evr().version() + "-" + r;
  }
}
