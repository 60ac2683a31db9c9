package io.fleetpatch.advisory.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the last successful fetch of a URL returned, for a conditional GET next time (RFC 9110
 * §13.1: If-None-Match with the ETag, If-Modified-Since with Last-Modified).
 *
 * @param etag the ETag response header, or null
 * @param lastModified the Last-Modified response header as sent, or null
 * @param checksum {@code sha256:<hex>} of the body
 */
public record FetchState(
    String url, String etag, String lastModified, String checksum, Instant fetchedAt) {
  public FetchState {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }
}
