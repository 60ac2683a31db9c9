package io.fleetpatch.advisory.enrich;

import java.time.LocalDate;

/** One row of FIRST's EPSS scores CSV: the probability of exploitation in the next 30 days. */
public record EpssScore(String cveId, double epss, double percentile, LocalDate scoreDate) {}
