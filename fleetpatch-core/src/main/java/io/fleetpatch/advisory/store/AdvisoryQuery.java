package io.fleetpatch.advisory.store;

import io.fleetpatch.advisory.Severity;
import java.time.Instant;

/**
 * Filters of {@link AdvisoryRepository#list}; a null field does not filter.
 *
 * @param repo the yum repo id ({@code amzn2-core}) or source ({@code 2/amzn2-core})
 * @param minSeverity at or above this severity
 * @param cve advisories that fix this CVE
 * @param since updated (else issued) at or after this time
 */
public record AdvisoryQuery(String repo, Severity minSeverity, String cve, Instant since) {
  public static AdvisoryQuery all() {
    return new AdvisoryQuery(null, null, null, null);
  }
}
