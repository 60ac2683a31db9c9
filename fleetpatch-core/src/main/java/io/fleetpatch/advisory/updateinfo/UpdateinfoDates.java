package io.fleetpatch.advisory.updateinfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The date forms found in updateinfo {@code <issued date=...>} and {@code <updated date=...>}:
 * {@code YYYY-MM-DD HH:MM[:SS]} (Amazon, Rocky, Alma; UTC), {@code YYYY-MM-DD}, ISO-8601 with an
 * offset, and seconds since the epoch (createrepo_c and some Fedora-made repos; dnf's libdnf {@code
 * dnf-advisory.cpp} reads both, via libsolv {@code repo_updateinfoxml.c datestr2timestamp}, which
 * accepts a plain number as a timestamp).
 */
public final class UpdateinfoDates {
  private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private UpdateinfoDates() {}

  /**
   * @return the instant (UTC when no offset is given)
   * @throws DateTimeParseException when none of the forms fits
   */
  public static Instant parse(String s) {
    String t = s.trim();
    if (EPOCH.matcher(t).matches()) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (t.length() == 16 && t.charAt(10) == ' ') {
      return LocalDateTime.parse(t, MINUTES).toInstant(ZoneOffset.UTC);
    }
    if (t.length() == 19 && t.charAt(10) == ' ') {
      return LocalDateTime.parse(t, SECONDS).toInstant(ZoneOffset.UTC);
    }
    if (t.indexOf('T') == 10) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
    }
    throw new DateTimeParseException("not a date", t, 0);
  }
}
