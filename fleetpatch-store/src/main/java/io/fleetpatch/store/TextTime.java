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
    if (s == null) {
      return null;
    }
    Instant stored = parseStored(s);
    return stored != null ? stored : Instant.parse(s);
  }

  /**
   * The stored form {@code uuuu-MM-ddTHH:mm:ss.SSSZ} read field by field (a store read parses two
   * per advisory, and DateTimeFormatter is slow on a cold JVM); null for any other text.
   */
  private static Instant parseStored(String s) {
    if (s.length() != 24
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.'
        || s.charAt(23) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int milli = digits(s, 20, 23);
    if ((year | month | day | hour | minute | second | milli) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        days * 86_400 + hour * 3_600L + minute * 60L + second, milli * 1_000_000L);
  }

  /** The decimal number in {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static String format(LocalDate d) {
    return d == null ? null : d.toString();
  }

  static LocalDate parseDate(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
