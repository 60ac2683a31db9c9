package io.fleetpatch.advisory.store;

import java.time.Instant;

/**
 * A recorded import (DESIGN.md §6): which feed, from where, its checksum, when it was fetched and
 * imported, what it held and changed, and the data version it produced.
 *
 * @param id the import's id (increasing)
 * @param dataVersion the store's data version after this import; an import that changed nothing
 *     keeps the previous one
 * @param total records in the feed (advisories, KEV entries or EPSS scores)
 * @param added records new to the store
 * @param changed records that replaced an older stored one
 * @param unchanged records already stored as they are (or older than the stored ones)
 */
public record Provenance(
    long id,
    long dataVersion,
    FeedKind kind,
    String feedKey,
    String source,
    String checksum,
    Instant fetchedAt,
    Instant importedAt,
    int total,
    int added,
    int changed,
    int unchanged) {}
