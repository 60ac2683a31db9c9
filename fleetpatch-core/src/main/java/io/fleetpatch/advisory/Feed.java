package io.fleetpatch.advisory;

import io.fleetpatch.problem.Problem;
import java.util.List;

/**
 * What a feed parser read from one file: the advisories, in file order, and the problems it could
 * step over (each with its place in the file), which a caller shows as warnings. Problems that make
 * the file unusable are thrown as {@link io.fleetpatch.problem.ProblemException} instead.
 */
public record Feed(List<Advisory> advisories, List<Problem> warnings) {
  public Feed {
    advisories = List.copyOf(advisories);
    warnings = List.copyOf(warnings);
  }

  /** Number of fixed-package rows over all advisories. */
  public long packageCount() {
    return advisories.stream().mapToLong(a -> a.packages().size()).sum();
  }
}
