package io.fleetpatch.advisory.enrich;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of FIRST's EPSS scores CSV ({@code cve,epss,percentile}).
 *
 * @param cveId e.g. CVE-2021-44228
 * @param epss probability of exploitation in the next 30 days, 0..1
 * @param percentile the score's percentile among all scored CVEs, 0..1, or {@link Double#NaN} when
 *     the file has no percentile column (the first EPSS files, April 2021)
 * @param scoreDate the day the scores are for (from the file's comment line), or null when the file
 *     does not say
 */
public record EpssScore(String cveId, double epss, double percentile, LocalDate scoreDate) {
  public EpssScore {
    Objects.requireNonNull(cveId, "cveId");
    if (!(epss >= 0 && epss <= 1)
        || !(Double.isNaN(percentile) || (percentile >= 0 && percentile <= 1))) {
      throw new IllegalArgumentException(
          "EPSS score and percentile must be within 0..1: " + epss + ", " + percentile);
    }
  }
}
