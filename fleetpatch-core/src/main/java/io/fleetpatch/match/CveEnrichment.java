package io.fleetpatch.match;

/**
 * Optional lookup of KEV/EPSS facts per CVE (the store provides one; {@link #NONE} knows nothing).
 */
@FunctionalInterface
public interface CveEnrichment {
  CveEnrichment NONE = cve -> CveFacts.UNKNOWN;

  /** The facts known about {@code cve}; {@link CveFacts#UNKNOWN} when none. */
  CveFacts lookup(String cve);
}
