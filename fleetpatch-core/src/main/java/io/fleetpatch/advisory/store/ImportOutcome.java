package io.fleetpatch.advisory.store;

import java.util.Objects;

/**
 * What an import did.
 *
 * @param feed the feed that was offered
 * @param provenance the recorded import, or null when the feed's checksum equals that of its latest
 *     import (then nothing at all was written)
 * @param dataVersion the store's data version after the import
 */
public record ImportOutcome(FeedImport feed, Provenance provenance, long dataVersion) {
  public ImportOutcome {
    Objects.requireNonNull(feed, "feed");
  }

  /** Whether the feed was skipped because the same bytes had been imported already. */
  public boolean skipped() {
    return provenance == null;
  }

  /** Whether anything in the store changed. */
  public boolean changedStore() {
    return provenance != null && (provenance.added() > 0 || provenance.changed() > 0);
  }
}
