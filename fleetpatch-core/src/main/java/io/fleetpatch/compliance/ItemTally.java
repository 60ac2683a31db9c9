package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Severity;
import java.util.Arrays;
import java.util.Collection;

/**
 * What fleet roll-ups need of one host's items: how many per state and severity, how many overdue
 * per severity, how many waived, and which severities have an item in a violating state that no
 * exception waives. Counted as the items are judged ({@link SharedItems}), so that {@link
 * FleetSummary} never walks a host's items. Immutable.
 */
public final class ItemTally {
  private static final int STATES = ComplianceState.values().length;
  private static final int SEVERITIES = Severity.values().length;
  private static final ComplianceState[] STATE = ComplianceState.values();

  /**
   * An item's cell, counted: {@code ((state * SEVERITIES + severity) * 2 + overdue) * 2 + waived}.
   * Counting a host's items is then one increment per item; what the roll-ups read is derived once
   * per host ({@link Counter#build}).
   */
  static final int CELLS = STATES * SEVERITIES * 4;

  private final int[] byStateAndSeverity;
  private final int[] overdueBySeverity;
  private final int waived;
  private final int violatingSeverities;

  private ItemTally(
      int[] byStateAndSeverity, int[] overdueBySeverity, int waived, int violatingSeverities) {
    this.byStateAndSeverity = byStateAndSeverity;
    this.overdueBySeverity = overdueBySeverity;
    this.waived = waived;
    this.violatingSeverities = violatingSeverities;
  }

  /** Counts items (for items not judged by {@link SharedItems}, such as waived ones). */
  public static ItemTally of(Collection<ComplianceItem> items) {
    Counter c = new Counter();
    for (ComplianceItem i : items) {
      c.add(code(i));
    }
    return c.build();
  }

  /** An item's cell (below {@link #CELLS}; computed once per shared item). */
  static int code(ComplianceItem i) {
    int cell = i.state().ordinal() * SEVERITIES + i.severity().ordinal();
    return (cell * 2 + (i.overdue() ? 1 : 0)) * 2 + (i.exception() != null ? 1 : 0);
  }

  /** Items in one state with one severity. */
  public int items(ComplianceState state, Severity severity) {
    return byStateAndSeverity[state.ordinal() * SEVERITIES + severity.ordinal()];
  }

  /** Items of one severity, in any state. */
  public int items(Severity severity) {
    int n = 0;
    for (int s = 0; s < STATES; s++) {
      n += byStateAndSeverity[s * SEVERITIES + severity.ordinal()];
    }
    return n;
  }

  /** Items past their SLA deadline with one severity. */
  public int overdue(Severity severity) {
    return overdueBySeverity[severity.ordinal()];
  }

  /** Items past their SLA deadline. */
  public int overdue() {
    return Arrays.stream(overdueBySeverity).sum();
  }

  /** Items an exception waives. */
  public int waived() {
    return waived;
  }

  /** Whether an item of this severity is in a violating state and not waived. */
  public boolean violating(Severity severity) {
    return (violatingSeverities & (1 << severity.ordinal())) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemTally t
        && Arrays.equals(t.byStateAndSeverity, byStateAndSeverity)
        && Arrays.equals(t.overdueBySeverity, overdueBySeverity)
        && t.waived == waived
        && t.violatingSeverities == violatingSeverities;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(byStateAndSeverity) * 31 + Arrays.hashCode(overdueBySeverity);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ItemTally[");
    for (int i = 0; i < byStateAndSeverity.length; i++) {
      if (byStateAndSeverity[i] > 0) {
        b.append(STATE[i / SEVERITIES])
            .append('/')
            .append(Severity.values()[i % SEVERITIES])
            .append('=')
            .append(byStateAndSeverity[i])
            .append(' ');
      }
    }
    return b.append("overdue=")
        .append(overdue())
        .append(" waived=")
        .append(waived)
        .append(']')
        .toString();
  }

  /** Counts item cells ({@link #code}) for one host; not thread-safe. */
  static final class Counter {
    private final int[] cells = new int[CELLS];

    void add(int code) {
      cells[code]++;
    }

    ItemTally build() {
      int[] byStateAndSeverity = new int[STATES * SEVERITIES];
      int[] overdueBySeverity = new int[SEVERITIES];
      int waived = 0;
      int violatingSeverities = 0;
      for (int code = 0; code < CELLS; code++) {
        int n = cells[code];
        if (n == 0) {
          continue;
        }
        int cell = code >> 2;
        int severity = cell % SEVERITIES;
        byStateAndSeverity[cell] += n;
        if ((code & 2) != 0) {
          overdueBySeverity[severity] += n;
        }
        if ((code & 1) != 0) {
          waived += n;
        } else if (STATE[cell / SEVERITIES].violates()) {
          violatingSeverities |= 1 << severity;
        }
      }
      return new ItemTally(byStateAndSeverity, overdueBySeverity, waived, violatingSeverities);
    }
  }
}
