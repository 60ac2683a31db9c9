package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remediation deadlines (DESIGN.md §4 "SLA policy"): days per advisory severity, shortened for
 * advisories fixing a CVE in CISA's KEV catalog. The clock starts at the advisory's issued date
 * (updated when it has no issued date) or, with {@link Clock#FIRST_SEEN}, at the day the finding
 * was first seen on the host when that is known.
 *
 * <p>Defaults: Critical 7, Important 30, Medium 90, Low 180 days; None and unknown severities have
 * no deadline. KEV: 14 days, the BOD 22-01 default remediation window for CVEs from 2021 on
 * ("within 2 weeks", reference/inspector-and-vex.md §3); the shorter of the two deadlines applies.
 *
 * @param days deadline in days per severity (severities absent from the map have none)
 * @param kevDays deadline for advisories fixing a KEV-listed CVE, or null for no KEV rule
 * @param clock where the clock starts
 */
public record SlaPolicy(Map<Severity, Integer> days, Integer kevDays, Clock clock) {
  /** Where a deadline's clock starts. */
  public enum Clock {
    /** The advisory's issued date. */
    ISSUED,
    /** The day the finding was first seen on the host, else the issued date. */
    FIRST_SEEN;

    /** The name on the command line and in JSON: {@code issued} or {@code first-seen}. */
    public String label() {
      return this == ISSUED ? "issued" : "first-seen";
    }

    /** The clock of a {@link #label()}. */
    public static Clock parse(String label) {
      for (Clock c : values()) {
        if (c.label().equals(label)) {
          return c;
        }
      }
      throw new IllegalArgumentException(
          "unknown SLA clock '" + label + "' (issued or first-seen)");
    }

    @Override
    public String toString() {
      return label();
    }
  }

  public static final SlaPolicy DEFAULT =
      new SlaPolicy(
          Map.of(
              Severity.CRITICAL, 7, Severity.IMPORTANT, 30, Severity.MEDIUM, 90, Severity.LOW, 180),
          14,
          Clock.ISSUED);

  public SlaPolicy {
    days = days.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(days));
    Objects.requireNonNull(clock, "clock");
    days.forEach(
        (s, d) -> {
          if (d < 0) {
            throw new IllegalArgumentException("negative SLA days for " + s.label() + ": " + d);
          }
        });
    if (kevDays != null && kevDays < 0) {
      throw new IllegalArgumentException("negative KEV SLA days: " + kevDays);
    }
  }

  public SlaPolicy withDays(Severity severity, int d) {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    m.putAll(days);
    m.put(severity, d);
    return new SlaPolicy(m, kevDays, clock);
  }

  public SlaPolicy withKevDays(Integer d) {
    return new SlaPolicy(days, d, clock);
  }

  public SlaPolicy withClock(Clock c) {
    return new SlaPolicy(days, kevDays, c);
  }

  /**
   * The deadline for an advisory, or {@link Deadline#NONE} when its severity has none and it fixes
   * no KEV-listed CVE, or it carries no date and no first-seen day is known.
   *
   * @param firstSeen the day it was first seen on the host, or null
   */
  public Deadline deadline(Advisory advisory, KnownExploited kev, LocalDate firstSeen) {
    LocalDate start = null;
    Clock used = Clock.ISSUED;
    if (clock == Clock.FIRST_SEEN && firstSeen != null) {
      start = firstSeen;
      used = Clock.FIRST_SEEN;
    } else {
      var t = advisory.issued() != null ? advisory.issued() : advisory.updated();
      if (t != null) {
        start = LocalDate.ofInstant(t, ZoneOffset.UTC);
      } else if (firstSeen != null) {
        start = firstSeen;
        used = Clock.FIRST_SEEN;
      }
    }
    if (start == null) {
      return Deadline.NONE;
    }
    Integer d = days.get(advisory.severity());
    boolean onKev = false;
    if (kevDays != null) {
      for (String cve : advisory.cves()) {
        if (kev.listed(cve)) {
          onKev = true;
          break;
        }
      }
    }
    if (onKev && (d == null || kevDays < d)) {
      return new Deadline(start, start.plusDays(kevDays), true, used);
    }
    return d == null ? Deadline.NONE : new Deadline(start, start.plusDays(d), onKev, used);
  }

  /**
   * A deadline.
   *
   * @param start the day the clock started, or null for none
   * @param due the last day to fix it, or null for none
   * @param kev whether a KEV-listed CVE is among the advisory's
   * @param clock which clock {@code start} came from: {@link Clock#FIRST_SEEN} when it is the
   *     host's first-seen day, {@link Clock#ISSUED} when it is the advisory's issued (or updated)
   *     date; null when there is no deadline
   */
  public record Deadline(LocalDate start, LocalDate due, boolean kev, Clock clock) {
    public static final Deadline NONE = new Deadline(null, null, false, null);

    /** A deadline counted from the advisory's issued date. */
    public Deadline(LocalDate start, LocalDate due, boolean kev) {
      this(start, due, kev, start == null ? null : Clock.ISSUED);
    }

    /** Days past the deadline on {@code asOf} (0 when not past it or without one). */
    public long overdueDays(LocalDate asOf) {
      if (due == null || !asOf.isAfter(due)) {
        return 0;
      }
      return asOf.toEpochDay() - due.toEpochDay();
    }
  }
}
