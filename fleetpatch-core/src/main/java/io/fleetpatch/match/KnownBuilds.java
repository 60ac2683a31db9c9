package io.fleetpatch.match;

/**
 * What one matcher has learned about the installed build objects it has met, by identity: the
 * build's name's rows in the index, and the verdicts decided for that build alone. A fleet whose
 * inventories share their build objects (as a fleet read through one {@code BuildPool} does) then
 * finds both with one probe of a flat table instead of hashing and comparing names, versions and
 * releases in two maps.
 *
 * <p>Lock-free reads; writes under a lock. Races are harmless by construction: entries and verdicts
 * are published through final fields or are immutable, a reader that sees a key before its entry
 * takes the slow path, and a verdict lost from an entry's chain is found again in {@link
 * VerdictCache}. Bounded: past {@link #MAX_SLOTS} slots nothing new is kept.
 */
final class KnownBuilds {
  /** What is known of one build. */
  static final class Entry {
    /** Its name's rows in the index, or null when no advisory names it. */
    final AdvisoryIndex.NameRows rows;

    /** Verdicts for this build alone (other scopes, other running kernels), chained; or null. */
    NameVerdict verdicts;

    /** How many are chained (a bound: kernels run on many hosts with many scopes). */
    int chained;

    Entry(AdvisoryIndex.NameRows rows) {
      this.rows = rows;
    }
  }

  /** Longest verdict chain kept per build; {@link VerdictCache} holds the rest. */
  static final int MAX_CHAINED = 8;

  private static final int MAX_SLOTS = 1 << 21;

  private static final class Table {
    final Object[] keys;
    final Entry[] entries;
    final int mask;
    int size;

    Table(int slots) {
      keys = new Object[slots];
      entries = new Entry[slots];
      mask = slots - 1;
    }

    Entry get(Object build) {
      for (int i = slot(build, mask); ; i = (i + 1) & mask) {
        Object k = keys[i];
        if (k == build) {
          return entries[i];
        }
        if (k == null) {
          return null;
        }
      }
    }

    void put(Object build, Entry e) {
      int i = slot(build, mask);
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      entries[i] = e;
      keys[i] = build;
      size++;
    }
  }

  private volatile Table table = new Table(1 << 12);

  private static int slot(Object build, int mask) {
    int h = System.identityHashCode(build);
    return (h ^ (h >>> 16)) & mask;
  }

  /** What is known of this build object, or null. */
  Entry get(Object build) {
    return table.get(build);
  }

  /** Records a build object met for the first time, with its name's rows; returns its entry. */
  synchronized Entry add(Object build, AdvisoryIndex.NameRows rows) {
    Table t = table;
    Entry known = t.get(build);
    if (known != null) {
      return known;
    }
    Entry e = new Entry(rows);
    if ((t.size + 1) * 2 > t.keys.length) {
      if (t.keys.length * 2 > MAX_SLOTS) {
        return e;
      }
      Table grown = new Table(t.keys.length * 2);
      for (int i = 0; i < t.keys.length; i++) {
        if (t.keys[i] != null) {
          grown.put(t.keys[i], t.entries[i]);
        }
      }
      table = t = grown;
    }
    t.put(build, e);
    return e;
  }
}
