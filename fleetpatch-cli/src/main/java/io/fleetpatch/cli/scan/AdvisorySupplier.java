package io.fleetpatch.cli.scan;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.problem.Problem;
import java.util.List;

/**
 * Where a scan's advisories come from: feed files today ({@link FeedFiles}); the store later.
 * Loading happens once per command.
 */
@FunctionalInterface
public interface AdvisorySupplier {
  /** The advisories, a data version naming exactly them, and warnings to show. */
  record Loaded(List<Advisory> advisories, String dataVersion, List<Problem> warnings) {
    public Loaded {
      advisories = List.copyOf(advisories);
      warnings = List.copyOf(warnings);
    }
  }

  Loaded load();
}
