package io.fleetpatch.advisory.enrich;

import io.fleetpatch.problem.Problem;
import java.time.LocalDate;
import java.util.List;

/**
 * An EPSS scores file as read: the model version and score date of its comment line (empty and null
 * when the file has none), the scores in file order, and the problems stepped over.
 */
public record EpssFeed(
    String modelVersion, LocalDate scoreDate, List<EpssScore> scores, List<Problem> warnings) {
  public EpssFeed {
    modelVersion = modelVersion == null ? "" : modelVersion;
    scores = List.copyOf(scores);
    warnings = List.copyOf(warnings);
  }
}
