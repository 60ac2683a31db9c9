package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An exception (waiver): a time-boxed, approved decision not to fix something (DESIGN.md §4
 * "Exception"). Its scope is what (one CVE, one advisory, or everything) on which hosts (one host,
 * one patch group, or the fleet); at least one of the two is narrowed. It applies from {@code
 * created} up to the day before {@code expires}: on the expiry day it is gone by itself, with no
 * one having to remove it.
 *
 * <p>Unlike Amazon Inspector suppression rules, which have no expiry
 * (reference/inspector-and-vex.md §1), every waiver must expire.
 *
 * @param id unique id, e.g. EX-2026-001
 * @param subject what is waived
 * @param target where
 * @param justification why (required)
 * @param approver who approved it (required)
 * @param created the first day it applies
 * @param expires the first day it no longer applies
 * @param vex how to state it in a CycloneDX VEX, or {@link VexStatement#RISK_ACCEPTED}
 */
public record Waiver(
    String id,
    Subject subject,
    Target target,
    String justification,
    String approver,
    LocalDate created,
    LocalDate expires,
    VexStatement vex) {
  /** What a waiver covers. */
  public sealed interface Subject {
    /** Whether it covers one CVE. */
    boolean coversCve(String cve);

    /** Whether it covers the whole advisory (all of its CVEs). */
    boolean coversAdvisory(Advisory advisory);
  }

  /** One CVE: an advisory is waived when each of its CVEs is. */
  public record Cve(String id) implements Subject {
    public Cve {
      if (!id.matches("CVE-\\d{4}-\\d{4,}")) {
        throw new IllegalArgumentException("not a CVE id: '" + id + "'");
      }
    }

    @Override
    public boolean coversCve(String cve) {
      return id.equals(cve);
    }

    @Override
    public boolean coversAdvisory(Advisory advisory) {
      return advisory.cves().equals(List.of(id));
    }
  }

  /** One advisory, with all of its CVEs. */
  public record AdvisoryId(String id) implements Subject {
    public AdvisoryId {
      if (id.isBlank()) {
        throw new IllegalArgumentException("empty advisory id");
      }
    }

    @Override
    public boolean coversCve(String cve) {
      return false;
    }

    @Override
    public boolean coversAdvisory(Advisory advisory) {
      return advisory.id().equals(id);
    }
  }

  /** Every advisory (the target then narrows it to a host or a group). */
  public record Everything() implements Subject {
    @Override
    public boolean coversCve(String cve) {
      return true;
    }

    @Override
    public boolean coversAdvisory(Advisory advisory) {
      return true;
    }
  }

  /** Which hosts a waiver covers. */
  public sealed interface Target {
    boolean covers(String hostId, String patchGroup);
  }

  /** One host, by its inventory host id. */
  public record HostId(String id) implements Target {
    @Override
    public boolean covers(String hostId, String patchGroup) {
      return id.equals(hostId);
    }
  }

  /** One patch group (the host's {@code Patch Group} / {@code PatchGroup} tag). */
  public record Group(String name) implements Target {
    @Override
    public boolean covers(String hostId, String patchGroup) {
      return name.equals(patchGroup);
    }
  }

  /** The whole fleet. */
  public record Fleet() implements Target {
    @Override
    public boolean covers(String hostId, String patchGroup) {
      return true;
    }
  }

  public Waiver {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(vex, "vex");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an exception needs an id");
    }
    if (justification == null || justification.isBlank()) {
      throw new IllegalArgumentException("exception " + id + " needs a justification");
    }
    if (approver == null || approver.isBlank()) {
      throw new IllegalArgumentException("exception " + id + " needs an approver");
    }
    if (!expires.isAfter(created)) {
      throw new IllegalArgumentException(
          "exception "
              + id
              + " expires ("
              + expires
              + ") on or before it starts ("
              + created
              + ")");
    }
    if (subject instanceof Everything && target instanceof Fleet) {
      throw new IllegalArgumentException(
          "exception " + id + " must name a CVE, an advisory, a host or a group");
    }
  }

  /** Whether it applies on {@code day}: from created up to the day before expires. */
  public boolean activeOn(LocalDate day) {
    return !day.isBefore(created) && day.isBefore(expires);
  }

  /** Whether it has expired by {@code day}. */
  public boolean expiredOn(LocalDate day) {
    return !day.isBefore(expires);
  }

  /** The scope in words: {@code CVE-2024-6387 on group web}. */
  public String scope() {
    String what =
        switch (subject) {
          case Cve c -> c.id();
          case AdvisoryId a -> a.id();
          case Everything e -> "every advisory";
        };
    String where =
        switch (target) {
          case HostId h -> "host " + h.id();
          case Group g -> "group " + g.name();
          case Fleet f -> "every host";
        };
    return what + " on " + where;
  }

  /** The CVEs of the advisory this waiver covers on a host it targets. */
  public Set<String> cvesCovered(Advisory advisory) {
    if (subject.coversAdvisory(advisory)) {
      return Set.copyOf(advisory.cves());
    }
    return Set.copyOf(advisory.cves().stream().filter(subject::coversCve).toList());
  }
}
