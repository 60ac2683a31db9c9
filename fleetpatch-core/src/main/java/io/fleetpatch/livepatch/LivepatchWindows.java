package io.fleetpatch.livepatch;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.rpm.Nevra;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live-patch support window of a host's running kernel, from the kernel's release date in the
 * advisory data. Rules (shared/reference/livepatch-and-lifecycle.md §1-2):
 *
 * <ul>
 *   <li>"Live patches for a given AL2 kernel are released for up to 3 months after that kernel's
 *       release" (EC2 user guide {@code al2-live-patching.md}; SSM user guide {@code
 *       patch-manager-kernel-live-patching.md}); AL2023 {@code support_info.xml} statement {@code
 *       eol_kernel}: live patches "during its first three months after release".
 *   <li>AL2: kernel 4.14 or 5.10 on x86_64, 5.10 on aarch64 (EC2 user guide); 5.15 not supported
 *       (AL2 "supported kernels" page); 4.14 live patching ended 2025-10-31, 5.10 continues until
 *       AL2's EOL 2026-06-30 (AL2 user guide, machine-translated copy).
 * </ul>
 *
 * The kernel's release date is the issue date of the first advisory that ships exactly that kernel
 * build; a kernel that no advisory ships (a base AMI kernel) is dated by the first live patch
 * issued for it, which is an upper bound.
 */
public final class LivepatchWindows {
  /** The window length: three months after the kernel's release. */
  public static final int WINDOW_MONTHS = 3;

  /** AL2 series with live patches and when the program ends for them, per arch. */
  private static final Map<String, LocalDate> AL2_SERIES_END =
      Map.of("4.14", LocalDate.of(2025, 10, 31), "5.10", LocalDate.of(2026, 6, 30));

  private final AdvisoryIndex index;

  public LivepatchWindows(AdvisoryIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  public LivepatchStatus status(Inventory inv, LocalDate asOf) {
    String id = inv.host().id();
    Optional<Nevra> kernel = RunningKernel.parse(inv.kernel());
    List<Nevra> lps = new ArrayList<>();
    if (kernel.isEmpty()) {
      return new LivepatchStatus(
          id,
          inv.kernel(),
          LivepatchStatus.State.NO_KERNEL,
          null,
          null,
          null,
          lps,
          inv.kernel() == null
              ? "running kernel unknown (no uname -r in the inventory)"
              : "running kernel '" + inv.kernel() + "' is not version-release.arch");
    }
    Nevra k = kernel.get();
    String release = k.evr().releaseOrEmpty();
    boolean al2023 = release.contains(".amzn2023");
    boolean al2 = !al2023 && release.contains(".amzn2");
    String dist = al2023 ? "amzn2023" : al2 ? "amzn2" : null;
    String lpName = "kernel-livepatch-" + RunningKernel.versionRelease(k, dist);
    for (InstalledPackage p : inv.packages()) {
      if (p.name().equals(lpName)) {
        lps.add(p.nevra());
      }
    }
    String series = RunningKernel.series(k);
    LocalDate programEnd = null;
    if (al2) {
      programEnd = AL2_SERIES_END.get(series);
      boolean archOk =
          k.arch().name().equals("x86_64")
              || (k.arch().name().equals("aarch64") && series.equals("5.10"));
      if (programEnd == null || !archOk) {
        return new LivepatchStatus(
            id,
            inv.kernel(),
            LivepatchStatus.State.NOT_SUPPORTED,
            null,
            null,
            null,
            lps,
            "Amazon Linux 2 offers live patches for kernel 4.14 and 5.10 on x86_64 and 5.10 on"
                + " aarch64 only, not "
                + series
                + " on "
                + k.arch());
      }
    }
    LocalDate released = null;
    String by = null;
    List<Advisory> shipping = index.shipping(k);
    if (!shipping.isEmpty() && shipping.get(0).issued() != null) {
      released = day(shipping.get(0));
      by = shipping.get(0).id();
    } else {
      for (Advisory a : index.forName(lpName)) {
        if (a.issued() != null && (released == null || day(a).isBefore(released))) {
          released = day(a);
          by = a.id() + " (first live patch; the kernel is older)";
        }
      }
    }
    if (released == null) {
      return new LivepatchStatus(
          id,
          inv.kernel(),
          LivepatchStatus.State.UNKNOWN,
          null,
          null,
          null,
          lps,
          "kernel " + k + " is in no loaded advisory: its release date and window are unknown");
    }
    LocalDate end = released.plusMonths(WINDOW_MONTHS);
    boolean programEnded = false;
    if (programEnd != null && programEnd.isBefore(end)) {
      end = programEnd;
      programEnded = true;
    }
    if (!asOf.isAfter(end)) {
      return new LivepatchStatus(
          id,
          inv.kernel(),
          LivepatchStatus.State.IN_WINDOW,
          released,
          by,
          end,
          lps,
          "The current version of the Linux kernel you are running will no longer receive live"
              + " patches after "
              + end
              + ".");
    }
    return new LivepatchStatus(
        id,
        inv.kernel(),
        programEnded ? LivepatchStatus.State.NOT_SUPPORTED : LivepatchStatus.State.WINDOW_ENDED,
        released,
        by,
        end,
        lps,
        (programEnded
                ? "Live patching for kernel " + series + " ended on " + end + ". "
                : "Live patches for this kernel ended on " + end + ". ")
            + "Reboot into the latest kernel version to get a continued stream of live patches.");
  }

  private static LocalDate day(Advisory a) {
    return a.issued().atZone(ZoneOffset.UTC).toLocalDate();
  }
}
