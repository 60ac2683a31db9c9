package io.fleetpatch.advisory.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import java.util.List;
import java.util.Optional;

/** Everything the store knows of one CVE: the advisories that fix it, KEV and EPSS. */
public record CveReport(
    String cveId, List<Advisory> advisories, Optional<KevEntry> kev, Optional<EpssScore> epss) {
  public CveReport {
    advisories = List.copyOf(advisories);
  }

  /** Whether the store knows nothing of the CVE. */
  public boolean isEmpty() {
    return advisories.isEmpty() && kev.isEmpty() && epss.isEmpty();
  }
}
