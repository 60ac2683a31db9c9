/**
 * Enrichment feeds keyed by CVE: CISA KEV ({@link io.fleetpatch.advisory.enrich.KevParser}, JSON or
 * CSV, giving {@link io.fleetpatch.advisory.enrich.KevEntry}) and FIRST EPSS ({@link
 * io.fleetpatch.advisory.enrich.EpssParser}, giving {@link
 * io.fleetpatch.advisory.enrich.EpssScore}).
 */
package io.fleetpatch.advisory.enrich;
