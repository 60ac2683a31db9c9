package io.fleetpatch.livepatch;

import io.fleetpatch.rpm.Nevra;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Whether a host's running kernel still receives live patches: fleetpatch's answer to {@code yum
 * kernel-livepatch supported}.
 *
 * @param hostId the host
 * @param kernel the running kernel ({@code uname -r}), or null when the inventory does not say
 * @param state the verdict
 * @param kernelReleased when that kernel build was released (the first advisory shipping it), or
 *     null when unknown
 * @param releasedBy the advisory that dates it (or the first live patch for it), or null
 * @param windowEnds the last day live patches may be released for it, or null when unknown
 * @param livepatches installed {@code kernel-livepatch-*} packages for the running kernel
 * @param message one line for people
 */
public record LivepatchStatus(
    String hostId,
    String kernel,
    State state,
    LocalDate kernelReleased,
    String releasedBy,
    LocalDate windowEnds,
    List<Nevra> livepatches,
    String message) {
  /** The verdict. */
  public enum State {
    /** Inside the support window: live patches may still come. */
    IN_WINDOW,
    /** The window has ended: reboot into a newer kernel to get live patches again. */
    WINDOW_ENDED,
    /** Live patching is not offered for this kernel series or arch (or has ended for it). */
    NOT_SUPPORTED,
    /** The kernel build is not in the advisory data, so its release date is unknown. */
    UNKNOWN,
    /** The inventory has no running kernel (a container, or an rpm -qa listing). */
    NO_KERNEL
  }

  public LivepatchStatus {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(state, "state");
    livepatches = List.copyOf(livepatches);
    Objects.requireNonNull(message, "message");
  }
}
