package io.fleetpatch.lifecycle;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The support dates of one OS release.
 *
 * @param key fleetpatch's key, e.g. {@code amzn-2}, {@code alinux-3}, {@code rhel-8}
 * @param name the name people use, e.g. Amazon Linux 2
 * @param standardSupportEnds the end of full/standard/mainstream support, or null when the source
 *     gives none
 * @param endOfLife the last day of vendor security updates without a paid or extended plan: hosts
 *     are end-of-life after it
 * @param extendedSupportEnds the end of extended (ELS, paid, maintenance-only) support, or null
 * @param source where the dates come from
 */
public record OsSupport(
    String key,
    String name,
    LocalDate standardSupportEnds,
    LocalDate endOfLife,
    LocalDate extendedSupportEnds,
    String source) {
  public OsSupport {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endOfLife, "endOfLife");
    Objects.requireNonNull(source, "source");
  }

  /** Whether the OS is end-of-life on {@code day} (the day after {@link #endOfLife}). */
  public boolean endOfLifeOn(LocalDate day) {
    return day.isAfter(endOfLife);
  }

  /** Days past end-of-life on {@code day}, 0 when it is not past it. */
  public long daysPastEndOfLife(LocalDate day) {
    return endOfLifeOn(day) ? day.toEpochDay() - endOfLife.toEpochDay() : 0;
  }
}
