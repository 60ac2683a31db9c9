package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingList;
import io.fleetpatch.match.FindingState;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The compliance items of one baseline and product, per advisory and detected state. When nothing
 * per host decides items (no first-seen clocks, no install outcomes), an advisory's item in a given
 * state is the same on every host, so it is made once and shared by the fleet.
 *
 * <p>A matcher's findings ({@link FindingList}) number their advisories as the index does; given
 * that numbering, a finding's item is one array read, with no hashing and without making the
 * finding. Other finding lists are looked up by advisory identity. Thread-safe: a slot is judged
 * once, under a lock, item first and then its code; reads take no lock, and a read that finds a
 * code or an item not there yet (written by another thread) reads it again under the lock. Items
 * are immutable, with final fields, so an item seen is an item complete.
 */
final class SharedItems {
  private static final int STATES = FindingState.values().length;

  /**
   * One advisory in one detected state, judged: its item (null: none), the compliance level it
   * violates at (null: it does not violate), and its {@link ItemTally#code}.
   */
  private record Slot(ComplianceItem item, ComplianceLevel violatesAt, int code) {
    /** The slot in one int: {@link #JUDGED}, {@link #HAS_ITEM}, level ordinal + 1, tally code. */
    int packed() {
      return JUDGED
          | (item == null ? 0 : HAS_ITEM)
          | (violatesAt == null ? 0 : violatesAt.ordinal() + 1) << 16
          | code;
    }
  }

  private static final int JUDGED = 1 << 30;
  private static final int HAS_ITEM = 1 << 29;
  private static final ComplianceLevel[] LEVELS = ComplianceLevel.values();

  /** An advisory (by identity: one shared object per run) in one detected state. */
  private record SlotKey(Advisory advisory, FindingState state) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SlotKey k && k.advisory == advisory && k.state == state;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(advisory) * 31 + state.ordinal();
    }
  }

  private final Function<Finding, ComplianceItem> make;
  private final Predicate<ComplianceItem> violates;
  private final List<Advisory> numbering;

  /**
   * Per advisory number and detected state ({@code number * STATES + state}): the slot packed
   * ({@link Slot#packed}; 0 until judged) and its item. Written item first; a reader that sees the
   * code before the item judges again under the lock.
   */
  private final int[] packed;

  private final ComplianceItem[] items;

  /** Slots of findings not numbered by {@link #numbering}. */
  private final ConcurrentHashMap<SlotKey, Slot> others = new ConcurrentHashMap<>();

  /**
   * @param make the item of a finding, or null for none (called once per advisory and state)
   * @param violates whether an item makes its host non-compliant (before exceptions)
   * @param numbering the advisories as the matcher numbers them ({@code
   *     AdvisoryIndex.advisories()}, compared by identity; may be empty)
   */
  SharedItems(
      Function<Finding, ComplianceItem> make,
      Predicate<ComplianceItem> violates,
      List<Advisory> numbering) {
    this.make = make;
    this.violates = violates;
    this.numbering = numbering;
    this.packed = new int[numbering.size() * STATES];
    this.items = new ComplianceItem[packed.length];
  }

  /**
   * A host's items, in the findings' order (findings without one left out), counted.
   *
   * @param nodeLevel the highest compliance level an item violates at, or null when none violates
   */
  record Judged(List<ComplianceItem> items, ComplianceLevel nodeLevel, ItemTally tally) {}

  /** The items of a host's findings. */
  Judged items(List<Finding> findings) {
    if (findings instanceof FindingList fl && fl.numbering() == numbering) {
      return numbered(fl);
    }
    ComplianceItem[] out = new ComplianceItem[findings.size()];
    ItemTally.Counter tally = new ItemTally.Counter();
    ComplianceLevel nodeLevel = null;
    int n = 0;
    for (Finding f : findings) {
      Slot s = other(f);
      if (s.item != null) {
        out[n++] = s.item;
        tally.add(s.code);
        if (s.violatesAt != null) {
          nodeLevel =
              nodeLevel == null ? s.violatesAt : ComplianceLevel.max(nodeLevel, s.violatesAt);
        }
      }
    }
    return new Judged(List.of(Arrays.copyOf(out, n)), nodeLevel, tally.build());
  }

  /**
   * A matcher's findings: per finding one int read. The items are not copied out; the host's item
   * list reads them from the shared slots when it is read ({@link ItemsOfFindings}).
   */
  private Judged numbered(FindingList findings) {
    ItemTally.Counter tally = new ItemTally.Counter();
    int level = Integer.MAX_VALUE;
    int n = 0;
    for (int k = 0; k < findings.size(); k++) {
      int i = slot(findings, k);
      int p = packed[i];
      if (p == 0) {
        p = judgeOnce(i, findings.get(k)).packed();
      }
      if ((p & HAS_ITEM) != 0) {
        n++;
        tally.add(p & 0xffff);
        int violates = (p >>> 16) & 0xff;
        if (violates != 0 && violates - 1 < level) {
          level = violates - 1;
        }
      }
    }
    return new Judged(
        new ItemsOfFindings(this, findings, n),
        level == Integer.MAX_VALUE ? null : LEVELS[level],
        tally.build());
  }

  private static int slot(FindingList findings, int k) {
    return findings.number(k) * STATES + findings.stateOrdinal(k);
  }

  /**
   * One host's items, read from the shared slots of its findings (those with an item, in order).
   * Immutable; where each item sits is found on the first read.
   */
  static final class ItemsOfFindings extends AbstractList<ComplianceItem> implements RandomAccess {
    private final SharedItems shared;
    private final FindingList findings;
    private final int size;

    /** Per item, its finding's slot; made on the first read (a race makes an equal array). */
    private int[] slots;

    ItemsOfFindings(SharedItems shared, FindingList findings, int size) {
      this.shared = shared;
      this.findings = findings;
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public ComplianceItem get(int j) {
      Objects.checkIndex(j, size);
      int[] s = slots;
      if (s == null) {
        s = new int[size];
        int n = 0;
        for (int k = 0; k < findings.size(); k++) {
          int i = slot(findings, k);
          int p = shared.packed[i];
          if (p == 0) {
            // judged by another thread, not seen here yet
            p = shared.judgeOnce(i, findings.get(k)).packed();
          }
          if ((p & HAS_ITEM) != 0) {
            s[n++] = i;
          }
        }
        slots = s;
      }
      ComplianceItem item = shared.items[s[j]];
      return item != null ? item : shared.itemOf(s[j]);
    }
  }

  /** The item of a judged slot, read under the lock (when a racing read saw the code first). */
  private synchronized ComplianceItem itemOf(int i) {
    return items[i];
  }

  /** Judges slot {@code i} unless another thread did: item first, then its code. */
  private synchronized Slot judgeOnce(int i, Finding f) {
    if (packed[i] != 0) {
      ComplianceItem item = items[i];
      return new Slot(
          item,
          ((packed[i] >>> 16) & 0xff) == 0 ? null : LEVELS[((packed[i] >>> 16) & 0xff) - 1],
          packed[i] & 0xffff);
    }
    Slot s = judge(f);
    items[i] = s.item;
    packed[i] = s.packed();
    return s;
  }

  private Slot other(Finding f) {
    return others.computeIfAbsent(new SlotKey(f.advisory(), f.state()), k -> judge(f));
  }

  private Slot judge(Finding f) {
    ComplianceItem item = make.apply(f);
    if (item == null) {
      return new Slot(null, null, 0);
    }
    return new Slot(
        item, violates.test(item) ? item.complianceLevel() : null, ItemTally.code(item));
  }
}
