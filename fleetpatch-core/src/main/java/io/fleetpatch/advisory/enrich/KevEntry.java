package io.fleetpatch.advisory.enrich;

import java.time.LocalDate;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalogue
 * (known_exploited_vulnerabilities.json, schema in kev-epss/cisagov-kev-data).
 */
public record KevEntry(
    String cveId,
    String vendorProject,
    String product,
    String name,
    LocalDate dateAdded,
    LocalDate dueDate,
    boolean knownRansomware) {}
