package io.fleetpatch.advisory.store;

import io.fleetpatch.advisory.AdvisorySource;
import java.time.Instant;

/**
 * A recorded change of one stored advisory: added, or replaced by a newer publication (a new {@code
 * version} or {@code updated}, or other changed content).
 *
 * @param importId the import that made the change
 * @param previousVersion the replaced advisory's version, null when added
 * @param previousUpdated the replaced advisory's updated time, null when added or absent
 */
public record AdvisoryChange(
    long importId,
    String advisoryId,
    AdvisorySource source,
    Kind kind,
    String previousVersion,
    Instant previousUpdated,
    String version,
    Instant updated) {
  /** What happened to the advisory. */
  public enum Kind {
    ADDED,
    REPLACED
  }
}
