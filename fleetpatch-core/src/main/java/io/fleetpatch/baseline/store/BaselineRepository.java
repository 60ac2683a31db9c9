package io.fleetpatch.baseline.store;

import io.fleetpatch.baseline.BaselineFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Baselines stored by name (issue "Baselines are files ... and also stored objects"). A stored
 * baseline keeps its original document, so it round-trips exactly and re-parses to an equal {@link
 * io.fleetpatch.baseline.Baseline}. Every creation, replacement and deletion is recorded in its
 * history.
 */
public interface BaselineRepository {
  /**
   * Stores {@code document} under {@code name}, replacing the baseline of that name if there is one
   * (the replaced document goes to the history). Nothing is written when the document is not a
   * valid baseline.
   *
   * @throws io.fleetpatch.problem.ProblemException when the document is not a valid baseline
   * @throws IllegalArgumentException for a name {@link StoredBaseline#checkName} refuses
   */
  StoredBaseline save(String name, BaselineFormat format, String document, Instant at);

  Optional<StoredBaseline> find(String name);

  /** Every stored baseline, by name. */
  List<StoredBaseline> list();

  /** Deletes the baseline of that name (recorded in the history); false when there was none. */
  boolean delete(String name, Instant at);

  /** The history of that name, oldest first. */
  List<BaselineChange> history(String name);
}
