package io.fleetpatch.match;

import java.time.LocalDate;

/**
 * What an enrichment source knows about a CVE: CISA KEV listing and FIRST EPSS score.
 *
 * @param kev whether CISA's Known Exploited Vulnerabilities catalog lists it
 * @param kevDateAdded KEV {@code dateAdded}, or null
 * @param epss EPSS probability 0..1, or null when unknown
 * @param epssPercentile EPSS percentile 0..1, or null when unknown
 */
public record CveFacts(boolean kev, LocalDate kevDateAdded, Double epss, Double epssPercentile) {
  public static final CveFacts UNKNOWN = new CveFacts(false, null, null, null);
}
