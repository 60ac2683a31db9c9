package io.fleetpatch.compliance.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What recording one run changes in the history, by the package rules: computed from the history as
 * it stands and the run's open findings, then written by the store in one transaction.
 *
 * @param day the day the run judged
 * @param recordedHosts the hosts whose last recorded day becomes {@code day}, sorted
 * @param skippedHosts hosts left alone because their history already holds a later day, sorted
 * @param opened findings that start an episode first seen on {@code day} (new or re-opened)
 * @param closed open episodes that close on {@code day}
 * @param stillOpen open episodes seen open again (unchanged)
 */
public record RecordPlan(
    LocalDate day,
    List<String> recordedHosts,
    List<String> skippedHosts,
    List<Opened> opened,
    List<Closed> closed,
    long stillOpen) {
  public RecordPlan {
    Objects.requireNonNull(day, "day");
    recordedHosts = List.copyOf(recordedHosts);
    skippedHosts = List.copyOf(skippedHosts);
    opened = List.copyOf(opened);
    closed = List.copyOf(closed);
  }

  /** A finding first seen (again) on the plan's day. */
  public record Opened(String hostId, String advisoryId) {}

  /** An open episode that closes on the plan's day, last seen on {@code lastSeen}. */
  public record Closed(String hostId, String advisoryId, LocalDate lastSeen) {}

  /**
   * The plan for recording a run.
   *
   * @param current the history as it stands
   * @param day the day the run judged
   * @param openByHost every host the run judged, with the advisory ids open on it
   */
  public static RecordPlan of(
      OpenFindings current, LocalDate day, Map<String, Set<String>> openByHost) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(day, "day");
    List<String> recorded = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Opened> opened = new ArrayList<>();
    List<Closed> closed = new ArrayList<>();
    long still = 0;
    // host and advisory order: the same run writes the same rows in the same order
    for (Map.Entry<String, Set<String>> e : new TreeMap<>(openByHost).entrySet()) {
      String host = e.getKey();
      LocalDate last = current.lastRecorded(host);
      if (last != null && last.isAfter(day)) {
        skipped.add(host);
        continue;
      }
      recorded.add(host);
      OpenFindings.HostOpen h = current.host(host);
      String[] was = h == null ? new String[0] : h.advisories();
      String[] now = e.getValue().toArray(String[]::new);
      Arrays.sort(now);
      // both sorted: one merge walk
      int i = 0;
      int j = 0;
      while (i < was.length || j < now.length) {
        int c = i == was.length ? 1 : j == now.length ? -1 : was[i].compareTo(now[j]);
        if (c == 0) {
          still++;
          i++;
          j++;
        } else if (c > 0) {
          if (j == 0 || !now[j].equals(now[j - 1])) {
            opened.add(new Opened(host, now[j]));
          }
          j++;
        } else {
          // last seen: the host's previous recorded day (never before the episode's first day)
          LocalDate first = LocalDate.ofEpochDay(h.firstSeen()[i]);
          LocalDate lastSeen = last == null || last.isBefore(first) ? first : last;
          closed.add(new Closed(host, was[i], lastSeen));
          i++;
        }
      }
    }
    return new RecordPlan(day, recorded, skipped, opened, closed, still);
  }

  /**
   * One line for logs: {@code 3 hosts recorded on 2024-03-01: 5 findings opened, 2 closed, 40 still
   * open}.
   */
  public String summary() {
    return String.format(
        "%d hosts recorded on %s%s: %d findings opened, %d closed, %d still open",
        recordedHosts.size(),
        day,
        skippedHosts.isEmpty()
            ? ""
            : " (" + skippedHosts.size() + " skipped: their history is newer)",
        opened.size(),
        closed.size(),
        stillOpen);
  }
}
