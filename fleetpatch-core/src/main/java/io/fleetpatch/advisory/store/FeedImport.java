package io.fleetpatch.advisory.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A feed about to be imported: what it is and where it came from (the provenance the store records
 * with it).
 *
 * @param kind what the feed holds
 * @param feedKey which feed this is, stable across fetches: the advisory source ({@code
 *     2/amzn2-core}) for updateinfo, {@code kev}, {@code epss}, {@code oval:<release>}. Importing a
 *     feed whose latest import had the same checksum changes nothing.
 * @param source the file path or URL the bytes came from
 * @param checksum {@code sha256:<hex>} of the bytes as read (before decompression)
 * @param fetchedAt when the bytes were fetched over HTTP, or null for a local file
 */
public record FeedImport(
    FeedKind kind, String feedKey, String source, String checksum, Instant fetchedAt) {
  public FeedImport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(feedKey, "feedKey");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(checksum, "checksum");
    if (feedKey.isBlank()) {
      throw new IllegalArgumentException("empty feed key");
    }
  }
}
