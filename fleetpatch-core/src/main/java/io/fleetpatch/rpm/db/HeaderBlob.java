package io.fleetpatch.rpm.db;

import java.util.Objects;

/**
 * One package's header as the database stores it: the header instance number (rpm's {@code hdrNum},
 * the sqlite {@code hnum}, the BDB key, the NDB slot's pkgidx) and the raw header blob (rpm
 * lib/header.c {@code headerExport} layout, without the 8-byte magic of a header in an rpm file).
 */
public record HeaderBlob(long instance, byte[] blob) {
  public HeaderBlob {
    Objects.requireNonNull(blob, "blob");
  }
}
