/**
 * Finding history: when each advisory was first and last seen open on each host, for SLA clocks
 * that start at first sight (DESIGN.md §4 "SLA policy": "The clock starts at the advisory's issued
 * date or at first-seen"). The rules are pure and live here; the store (fleetpatch-store) keeps the
 * rows.
 *
 * <p>The rule, applied when a run judged on day D is recorded:
 *
 * <ul>
 *   <li>A finding is <em>open</em> (exposed) when detection found it MISSING or
 *       INSTALLED_PENDING_REBOOT (FAILED is MISSING with a failed install), whether or not the
 *       baseline approves it yet: the exposure starts when the fix is missing, not when policy
 *       catches up.
 *   <li>Seen open with no open episode on record (never seen, or closed since): a new episode
 *       starts, first seen D. So a re-opened finding gets a fresh clock.
 *   <li>Seen open with an open episode: nothing changes; it stays first seen on the episode's day.
 *   <li>Open on record but not open in this run, for a host this run judged: the episode closes on
 *       D, last seen on the host's previous recorded day.
 *   <li>Hosts this run did not judge are left alone. A host whose history already holds a later day
 *       than D is left alone too (runs are recorded in day order; a late, older run cannot rewrite
 *       newer history). Recording the same run twice on the same day changes nothing.
 * </ul>
 */
package io.fleetpatch.compliance.history;
