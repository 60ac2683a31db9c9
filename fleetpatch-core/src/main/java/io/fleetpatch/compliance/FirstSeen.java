package io.fleetpatch.compliance;

import java.time.LocalDate;

/**
 * When an advisory was first found open on a host (from scan history), for SLA clocks that start at
 * first sight rather than at the advisory's issue date.
 */
@FunctionalInterface
public interface FirstSeen {
  /** No history: every clock starts at the issue date. */
  FirstSeen UNKNOWN = (host, advisory) -> null;

  /** The first day it was seen open on the host, or null when unknown. */
  LocalDate firstSeen(String hostId, String advisoryId);
}
