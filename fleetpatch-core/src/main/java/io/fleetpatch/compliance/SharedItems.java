package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingList;
import io.fleetpatch.match.FindingState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The compliance items of one baseline and product, per advisory and detected state. When nothing
 * per host decides items (no first-seen clocks, no install outcomes), an advisory's item in a given
 * state is the same on every host, so it is made once and shared by the fleet.
 *
 * <p>Findings come sorted in the advisory index's order (the matcher's numbering); given that
 * order, a host's items are found by one forward walk comparing references, with no hashing. A
 * finding whose advisory is not met on the walk (another order, another index) is looked up by
 * identity. Thread-safe: a race makes an equal item twice, and either may stay (items are
 * immutable).
 */
final class SharedItems {
  private static final int STATES = FindingState.values().length;

  /** Stands for "no item". */
  private static final Object NO_ITEM = new Object();

  /** An advisory compared by identity (each is one shared object per run). */
  private record AdvisoryKey(Advisory advisory) {
    @Override
    public boolean equals(Object o) {
      return o instanceof AdvisoryKey k && k.advisory == advisory;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(advisory);
    }
  }

  private final Function<Finding, ComplianceItem> make;
  private final Predicate<ComplianceItem> violates;
  private final Advisory[] order;

  /**
   * Per advisory number and detected state ({@code number * STATES + state}): the item, or null;
   * {@link #made} says whether it was made and whether it violates (published after it, with
   * release/acquire): 0 not made, {@link #KEPT} or {@link #VIOLATES}.
   */
  private final ComplianceItem[] byNumber;

  private final byte[] made;
  private static final byte KEPT = 1;
  private static final byte VIOLATES = 2;
  private static final VarHandle MADE = MethodHandles.arrayElementVarHandle(byte[].class);

  /** Advisories not met on the walk: per detected state, the item or {@link #NO_ITEM}. */
  private final ConcurrentHashMap<AdvisoryKey, Object[]> byAdvisory = new ConcurrentHashMap<>();

  /**
   * @param make the item of a finding, or null for none (called once per advisory and state)
   * @param violates whether an item makes its host non-compliant (before exceptions)
   * @param order the advisories in the order findings are sorted in (may be empty)
   */
  SharedItems(
      Function<Finding, ComplianceItem> make,
      Predicate<ComplianceItem> violates,
      List<Advisory> order) {
    this.make = make;
    this.violates = violates;
    this.order = order.toArray(Advisory[]::new);
    this.byNumber = new ComplianceItem[this.order.length * STATES];
    this.made = new byte[byNumber.length];
  }

  /**
   * A host's items, in the findings' order (findings without one left out), and those of them that
   * violate.
   */
  record Judged(ComplianceItem[] items, List<ComplianceItem> violating) {}

  /** The items of a host's findings. */
  Judged items(List<Finding> findings) {
    ComplianceItem[] out = new ComplianceItem[findings.size()];
    List<ComplianceItem> violating = new ArrayList<>();
    int n = 0;
    int next = 0;
    FindingList flat = findings instanceof FindingList fl ? fl : null;
    for (int k = 0; k < out.length; k++) {
      // a matcher's list gives advisory and state without making the finding
      Advisory a = flat != null ? flat.advisory(k) : findings.get(k).advisory();
      FindingState state = flat != null ? flat.state(k) : findings.get(k).state();
      int p = next;
      while (p < order.length && order[p] != a) {
        p++;
      }
      ComplianceItem item;
      if (p < order.length) {
        next = p + 1;
        int i = p * STATES + state.ordinal();
        byte m = (byte) MADE.getAcquire(made, i);
        if (m == 0) {
          item = make.apply(findings.get(k));
          m = item != null && violates.test(item) ? VIOLATES : KEPT;
          byNumber[i] = item;
          MADE.setRelease(made, i, m);
        } else {
          item = byNumber[i];
        }
        if (m == VIOLATES) {
          violating.add(item);
        }
      } else {
        item = unordered(findings.get(k));
        if (item != null && violates.test(item)) {
          violating.add(item);
        }
      }
      if (item != null) {
        out[n++] = item;
      }
    }
    return new Judged(n == out.length ? out : Arrays.copyOf(out, n), violating);
  }

  private ComplianceItem unordered(Finding f) {
    Object[] byState =
        byAdvisory.computeIfAbsent(new AdvisoryKey(f.advisory()), k -> new Object[STATES]);
    int s = f.state().ordinal();
    Object item = byState[s];
    if (item == null) {
      ComplianceItem m = make.apply(f);
      item = m == null ? NO_ITEM : m;
      byState[s] = item;
    }
    return item == NO_ITEM ? null : (ComplianceItem) item;
  }
}
