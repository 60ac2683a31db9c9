package io.fleetpatch.baseline.store;

import io.fleetpatch.baseline.BaselineFormat;
import java.time.Instant;

/**
 * One entry of a stored baseline's history: {@code CREATED}, {@code REPLACED} or {@code DELETED} at
 * {@code at}. For a replacement or deletion, {@code previous} is the document that was replaced or
 * deleted (null for a creation), so no version of a baseline is ever lost.
 */
public record BaselineChange(
    long id,
    String name,
    Action action,
    Instant at,
    BaselineFormat previousFormat,
    String previous) {
  public enum Action {
    CREATED,
    REPLACED,
    DELETED
  }
}
