package io.fleetpatch.compliance.history;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stretch of time an advisory was open on a host.
 *
 * @param hostId the inventory host id
 * @param advisoryId the advisory id
 * @param firstSeen the first recorded day it was open
 * @param lastSeen the last recorded day it was open (for an open episode, the host's last recorded
 *     day)
 * @param closedOn the first recorded day it was no longer open, or null while it is open
 */
public record FindingEpisode(
    String hostId, String advisoryId, LocalDate firstSeen, LocalDate lastSeen, LocalDate closedOn) {
  public FindingEpisode {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException("last seen " + lastSeen + " before first " + firstSeen);
    }
    if (closedOn != null && closedOn.isBefore(lastSeen)) {
      throw new IllegalArgumentException("closed " + closedOn + " before last seen " + lastSeen);
    }
  }

  public boolean open() {
    return closedOn == null;
  }
}
