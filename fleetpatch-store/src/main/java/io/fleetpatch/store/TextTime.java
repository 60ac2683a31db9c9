package io.fleetpatch.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How times are stored: UTC ISO-8601 text of fixed width ({@code 2024-01-15T00:00:00.000Z}), the
 * same on SQLite and PostgreSQL, so that text order is time order and comparisons are portable.
 */
final class TextTime {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TextTime() {}

  static String format(Instant t) {
    return t == null ? null : INSTANT.format(t);
  }

  static Instant parseInstant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static String format(LocalDate d) {
    return d == null ? null : d.toString();
  }

  static LocalDate parseDate(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
