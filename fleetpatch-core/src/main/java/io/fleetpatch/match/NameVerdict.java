package io.fleetpatch.match;

import java.util.Arrays;
import java.util.Objects;

/**
 * The package rows one installed package name contributes to a host's findings: per row the
 * advisory number, state and rule packed in one int (so that merging rows into findings reads no
 * shared evidence object), and its evidence. It depends only on the name's installed builds, the
 * host's scope over the name's repos and (for kernels) the running kernel, so it is computed once
 * per distinct combination and shared by every host that has it (DESIGN.md §8: cost grows with the
 * fleet's diversity, not its size). Verdicts of one name and builds with other scopes or kernels
 * are chained through {@link #next}.
 */
final class NameVerdict {
  /** Where a verdict's rows go: a host's scratch, which merges them per advisory. */
  interface Target {
    void add(int advisory, PackageEvidence evidence, byte state, byte rule);
  }

  /** Per row: advisory number {@code << 16 | state << 8 | rule}. */
  private final int[] codes;

  private final PackageEvidence[] rows;
  final long scope;
  final String runningKernel;

  /** Another verdict of the same name and builds (other scope or kernel), or null. */
  final NameVerdict next;

  private NameVerdict(
      int[] codes, PackageEvidence[] rows, long scope, String runningKernel, NameVerdict next) {
    this.codes = codes;
    this.rows = rows;
    this.scope = scope;
    this.runningKernel = runningKernel;
    this.next = next;
  }

  /** This verdict, to be kept after {@code next} in the chain of its name and builds. */
  NameVerdict chainedTo(NameVerdict next) {
    return new NameVerdict(codes, rows, scope, runningKernel, next);
  }

  /** Whether it was decided for this scope and running kernel. */
  boolean decidedFor(long scope, String runningKernel) {
    return this.scope == scope && Objects.equals(this.runningKernel, runningKernel);
  }

  /** Adds every row to {@code target}, in the order decided. */
  void addTo(Target target) {
    for (int i = 0; i < codes.length; i++) {
      int c = codes[i];
      target.add(c >>> 16, rows[i], (byte) (c >>> 8), (byte) c);
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

    NameVerdict build(long scope, String runningKernel) {
      int[] codes = new int[n];
      for (int i = 0; i < n; i++) {
        if (advisories[i] >= 1 << 15) {
          throw new IllegalStateException("more than 32,767 advisories in one index");
        }
        codes[i] = advisories[i] << 16 | rows[i].state().ordinal() << 8 | rows[i].rule().ordinal();
      }
      return new NameVerdict(codes, Arrays.copyOf(rows, n), scope, runningKernel, null);
    }
  }
}
