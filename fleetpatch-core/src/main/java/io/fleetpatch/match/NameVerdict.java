package io.fleetpatch.match;

import java.util.Arrays;

/**
 * The package rows one installed package name contributes to a host's findings: per row the
 * advisory number, its evidence, and its state and rule (kept apart as bytes, so that merging rows
 * into findings reads no shared evidence object). It depends only on the name's installed builds,
 * the host's scope over the name's repos and (for kernels) the running kernel, so it is computed
 * once per distinct combination and shared by every host that has it (DESIGN.md §8: cost grows with
 * the fleet's diversity, not its size).
 */
final class NameVerdict {
  /** Where a verdict's rows go: a host's scratch, which merges them per advisory. */
  interface Target {
    void add(int advisory, PackageEvidence evidence, byte state, byte rule);
  }

  private final int[] advisories;
  private final PackageEvidence[] rows;
  private final byte[] states;
  private final byte[] rules;

  private NameVerdict(int[] advisories, PackageEvidence[] rows, byte[] states, byte[] rules) {
    this.advisories = advisories;
    this.rows = rows;
    this.states = states;
    this.rules = rules;
  }

  /** Adds every row to {@code target}, in the order decided. */
  void addTo(Target target) {
    for (int i = 0; i < advisories.length; i++) {
      target.add(advisories[i], rows[i], states[i], rules[i]);
    }
  }

  /** Collects rows in order, then freezes them. */
  static final class Builder {
    private int n;
    private int[] advisories = new int[16];
    private PackageEvidence[] rows = new PackageEvidence[16];

    void add(int advisory, PackageEvidence evidence) {
      if (n == advisories.length) {
        advisories = Arrays.copyOf(advisories, n * 2);
        rows = Arrays.copyOf(rows, n * 2);
      }
      advisories[n] = advisory;
      rows[n] = evidence;
      n++;
    }

    NameVerdict build() {
      byte[] states = new byte[n];
      byte[] rules = new byte[n];
      for (int i = 0; i < n; i++) {
        states[i] = (byte) rows[i].state().ordinal();
        rules[i] = (byte) rows[i].rule().ordinal();
      }
      return new NameVerdict(Arrays.copyOf(advisories, n), Arrays.copyOf(rows, n), states, rules);
    }
  }
}
