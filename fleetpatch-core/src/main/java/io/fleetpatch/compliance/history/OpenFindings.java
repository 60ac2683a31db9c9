package io.fleetpatch.compliance.history;

import io.fleetpatch.compliance.FirstSeen;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the finding history: each host's last recorded day and its open episodes. Compact
 * (per host, sorted advisory ids and epoch days; advisory ids shared between hosts): about 8 bytes
 * per open finding with compressed references, so a fleet's history fits in memory.
 */
public final class OpenFindings implements FirstSeen {
  public static final OpenFindings EMPTY = new Builder().build();

  private final Map<String, HostOpen> hosts;
  private final long size;

  /** One host: its last recorded day (or null) and its open advisories, sorted, with days. */
  record HostOpen(LocalDate lastRecorded, String[] advisories, int[] firstSeen) {
    int find(String advisoryId) {
      return Arrays.binarySearch(advisories, advisoryId);
    }
  }

  private OpenFindings(Map<String, HostOpen> hosts, long size) {
    this.hosts = hosts;
    this.size = size;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The host's rows, or null (for {@link RecordPlan}, which walks them without copying). */
  HostOpen host(String hostId) {
    return hosts.get(hostId);
  }

  /** The number of open episodes. */
  public long size() {
    return size;
  }

  /** The number of hosts with a recorded day or an open episode. */
  public int hostCount() {
    return hosts.size();
  }

  /** The last day recorded for the host, or null when it was never recorded. */
  public LocalDate lastRecorded(String hostId) {
    HostOpen h = hosts.get(hostId);
    return h == null ? null : h.lastRecorded;
  }

  /** The first day of the finding's open episode, or null when none is open. */
  @Override
  public LocalDate firstSeen(String hostId, String advisoryId) {
    HostOpen h = hosts.get(hostId);
    if (h == null) {
      return null;
    }
    int i = h.find(advisoryId);
    return i < 0 ? null : LocalDate.ofEpochDay(h.firstSeen[i]);
  }

  /** The host's open advisories with their first-seen days, in advisory id order. */
  public Map<String, LocalDate> open(String hostId) {
    HostOpen h = hosts.get(hostId);
    if (h == null) {
      return Map.of();
    }
    Map<String, LocalDate> out = new LinkedHashMap<>();
    for (int i = 0; i < h.advisories.length; i++) {
      out.put(h.advisories[i], LocalDate.ofEpochDay(h.firstSeen[i]));
    }
    return out;
  }

  /**
   * First-seen days as known on {@code asOf}: an episode that starts after {@code asOf} (history
   * newer than the day judged) does not count.
   */
  public FirstSeen asOf(LocalDate asOf) {
    Objects.requireNonNull(asOf, "asOf");
    long day = asOf.toEpochDay();
    return (host, advisory) -> {
      LocalDate f = firstSeen(host, advisory);
      return f != null && f.toEpochDay() <= day ? f : null;
    };
  }

  /**
   * First-seen days as they will be once a run judged on {@code day} is recorded (see the package
   * rules): an open finding without an open episode is first seen on {@code day}, except on hosts
   * whose history is newer than {@code day}, which recording leaves alone. The evaluator asks only
   * about open items, so every question is about a finding the run finds open.
   */
  public FirstSeen afterRecording(LocalDate day) {
    FirstSeen known = asOf(day);
    return (host, advisory) -> {
      LocalDate f = known.firstSeen(host, advisory);
      if (f != null) {
        return f;
      }
      LocalDate last = lastRecorded(host);
      return last != null && last.isAfter(day) ? null : day;
    };
  }

  /** Collects rows in any order. */
  public static final class Builder {
    private final Map<String, HostRows> hosts = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private long size;
    // rows usually arrive grouped by host: skip the map lookup while the host repeats
    private String lastHost;
    private HostRows lastRows;

    private static final class HostRows {
      LocalDate lastRecorded;
      String[] advisories = new String[0];
      int[] firstSeen = new int[0];
      int n;
    }

    private HostRows host(String hostId) {
      if (!hostId.equals(lastHost)) {
        lastRows = hosts.computeIfAbsent(hostId, k -> new HostRows());
        lastHost = hostId;
      }
      return lastRows;
    }

    /** A host's last recorded day. */
    public Builder host(String hostId, LocalDate lastRecorded) {
      host(hostId).lastRecorded = Objects.requireNonNull(lastRecorded, "lastRecorded");
      return this;
    }

    /** An open episode. */
    public Builder open(String hostId, String advisoryId, LocalDate firstSeen) {
      HostRows h = host(hostId);
      if (h.n == h.advisories.length) {
        int cap = Math.max(8, h.n * 2);
        h.advisories = Arrays.copyOf(h.advisories, cap);
        h.firstSeen = Arrays.copyOf(h.firstSeen, cap);
      }
      h.advisories[h.n] = ids.computeIfAbsent(advisoryId, k -> k);
      h.firstSeen[h.n] = Math.toIntExact(firstSeen.toEpochDay());
      h.n++;
      size++;
      return this;
    }

    public OpenFindings build() {
      Map<String, HostOpen> out = new HashMap<>(hosts.size() * 2);
      for (Map.Entry<String, HostRows> e : hosts.entrySet()) {
        HostRows h = e.getValue();
        String[] adv = h.advisories;
        String[] sorted = Arrays.copyOf(adv, h.n);
        int[] days = Arrays.copyOf(h.firstSeen, h.n);
        if (!ascending(sorted)) {
          // rows come in key order from the store as a rule; sort only when they do not
          Integer[] order = new Integer[h.n];
          for (int i = 0; i < h.n; i++) {
            order[i] = i;
          }
          Arrays.sort(order, (a, b) -> adv[a].compareTo(adv[b]));
          for (int i = 0; i < h.n; i++) {
            sorted[i] = adv[order[i]];
            days[i] = h.firstSeen[order[i]];
          }
        }
        for (int i = 1; i < h.n; i++) {
          if (sorted[i].equals(sorted[i - 1])) {
            throw new IllegalStateException(
                "two open episodes of " + sorted[i] + " on host " + e.getKey());
          }
        }
        out.put(e.getKey(), new HostOpen(h.lastRecorded, sorted, days));
      }
      return new OpenFindings(out, size);
    }

    private static boolean ascending(String[] a) {
      for (int i = 1; i < a.length; i++) {
        if (a[i - 1].compareTo(a[i]) > 0) {
          return false;
        }
      }
      return true;
    }
  }
}
