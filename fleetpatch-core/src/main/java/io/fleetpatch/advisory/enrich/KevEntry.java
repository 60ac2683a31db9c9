package io.fleetpatch.advisory.enrich;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalogue (schema
 * known_exploited_vulnerabilities_schema.json: cveID, vendorProject, product, vulnerabilityName,
 * dateAdded, dueDate, knownRansomwareCampaignUse).
 *
 * @param cveId e.g. CVE-2021-44228
 * @param vendorProject e.g. Apache
 * @param product e.g. Log4j2
 * @param name the vulnerability name
 * @param dateAdded when CISA added it
 * @param dueDate the remediation due date for US federal agencies (SLA policies may use it)
 * @param knownRansomware whether knownRansomwareCampaignUse is "Known"
 */
public record KevEntry(
    String cveId,
    String vendorProject,
    String product,
    String name,
    LocalDate dateAdded,
    LocalDate dueDate,
    boolean knownRansomware) {
  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    vendorProject = vendorProject == null ? "" : vendorProject;
    product = product == null ? "" : product;
    name = name == null ? "" : name;
  }
}
