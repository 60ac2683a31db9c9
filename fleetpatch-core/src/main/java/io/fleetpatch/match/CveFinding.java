package io.fleetpatch.match;

import io.fleetpatch.advisory.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One host × one CVE: the worst state across the advisories that fix it (DESIGN.md §4 "a CVE view
 * groups findings by CVE").
 *
 * @param cve the CVE id
 * @param state the worst state of the advisories fixing it; MITIGATED_BY_LIVEPATCH when the only
 *     exposure is the running kernel and a loaded or installed live patch for it fixes this CVE
 * @param severity the highest severity of those advisories
 * @param advisories ids of the advisories fixing it on this host (sorted)
 * @param facts KEV / EPSS facts, {@link CveFacts#UNKNOWN} without enrichment
 */
public record CveFinding(
    String cve, FindingState state, Severity severity, List<String> advisories, CveFacts facts) {
  public CveFinding {
    Objects.requireNonNull(cve, "cve");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(severity, "severity");
    advisories = List.copyOf(advisories);
    Objects.requireNonNull(facts, "facts");
  }
}
