package io.fleetpatch.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of the exceptions audit log: an exception was created or expired (DESIGN.md §4 "every
 * exception is audited").
 *
 * @param recorded when the record was written (wall clock)
 * @param action what happened
 * @param exception the exception id
 * @param actor who did it: the approver for a creation, {@code fleetpatch} for an expiry
 * @param scope the exception's scope in words
 * @param effective the day it took effect: created, or expired
 * @param detail more: the justification, or where the exception was found
 */
public record AuditRecord(
    Instant recorded,
    Action action,
    String exception,
    String actor,
    String scope,
    LocalDate effective,
    String detail) {
  /** What happened to an exception. */
  public enum Action {
    CREATED,
    EXPIRED
  }

  public AuditRecord {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(exception, "exception");
    actor = actor == null ? "" : actor;
    scope = scope == null ? "" : scope;
    Objects.requireNonNull(effective, "effective");
    detail = detail == null ? "" : detail;
  }
}
