package io.fleetpatch.advisory;

import io.fleetpatch.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a parser's non-fatal problems, keeping at most {@link #MAX} so that a file with a
 * million bad rows cannot exhaust memory through its warnings; the rest are counted and reported in
 * one closing problem.
 */
public final class Warnings {
  /** Warnings kept per file. */
  public static final int MAX = 1000;

  private final String source;
  private final List<Problem> kept = new ArrayList<>();
  private long dropped;

  public Warnings(String source) {
    this.source = source;
  }

  public void add(Problem p) {
    if (kept.size() < MAX) {
      kept.add(p);
    } else {
      dropped++;
    }
  }

  /** The warnings, with a last one counting those not kept. */
  public List<Problem> list() {
    if (dropped == 0) {
      return List.copyOf(kept);
    }
    List<Problem> all = new ArrayList<>(kept);
    all.add(Problem.of(source, dropped + " more warnings not shown"));
    return List.copyOf(all);
  }
}
