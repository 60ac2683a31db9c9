package io.fleetpatch.advisory.enrich;

import io.fleetpatch.problem.Problem;
import java.util.List;

/**
 * A CISA KEV catalogue as read: its version ({@code catalogVersion} of the JSON form, empty for
 * CSV, which has none), the entries in file order, and the problems stepped over.
 */
public record KevCatalog(String catalogVersion, List<KevEntry> entries, List<Problem> warnings) {
  public KevCatalog {
    catalogVersion = catalogVersion == null ? "" : catalogVersion;
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }
}
