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

  private static final int OVERDUE = 1 << 8;
  private static final int WAIVED = 1 << 9;
  private static final int VIOLATING_STATE = 1 << 10;

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

  /** An item as the tally counts it, in one int (computed once per shared item). */
  static int code(ComplianceItem i) {
    int code = i.state().ordinal() * SEVERITIES + i.severity().ordinal();
    if (i.overdue()) {
      code |= OVERDUE;
    }
    if (i.exception() != null) {
      code |= WAIVED;
    } else if (i.state().violates()) {
      code |= VIOLATING_STATE;
    }
    return code;
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

  /** Counts item codes ({@link #code}) for one host, then hands its counts over; single use. */
  static final class Counter {
    private final int[] byStateAndSeverity = new int[STATES * SEVERITIES];
    private final int[] overdueBySeverity = new int[SEVERITIES];
    private int waived;
    private int violatingSeverities;

    void add(int code) {
      int cell = code & 0xff;
      byStateAndSeverity[cell]++;
      int severity = cell % SEVERITIES;
      if ((code & OVERDUE) != 0) {
        overdueBySeverity[severity]++;
      }
      if ((code & WAIVED) != 0) {
        waived++;
      }
      if ((code & VIOLATING_STATE) != 0) {
        violatingSeverities |= 1 << severity;
      }
    }

    ItemTally build() {
      return new ItemTally(byStateAndSeverity, overdueBySeverity, waived, violatingSeverities);
    }
  }
}
