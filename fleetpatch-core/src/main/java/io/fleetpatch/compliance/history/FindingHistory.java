package io.fleetpatch.compliance.history;

import io.fleetpatch.compliance.FirstSeen;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stored finding history (the rules are in this package's documentation). As a {@link FirstSeen} it
 * answers one lookup at a time; to judge a fleet, take one {@link #openFindings()} snapshot.
 */
public interface FindingHistory extends FirstSeen {
  /** Every open episode and every host's last recorded day, read at once. */
  OpenFindings openFindings();

  /**
   * Records one run judged on {@code day}, in one transaction: all of it or nothing.
   *
   * @param openByHost every host the run judged (by inventory host id), with the advisory ids open
   *     on it (an empty set: judged, nothing open)
   * @return what was written
   */
  RecordPlan record(LocalDate day, Map<String, Set<String>> openByHost);

  /**
   * The latest episode of each advisory on one host, open or closed, by advisory id (an earlier
   * episode of a re-opened finding is replaced by the new one).
   */
  List<FindingEpisode> episodes(String hostId);

  /**
   * The first day of the open episode of that finding, or null when none is open. A closed episode
   * gives null: the finding's current exposure, if any, has not been recorded yet.
   */
  @Override
  LocalDate firstSeen(String hostId, String advisoryId);
}
