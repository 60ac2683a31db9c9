package io.fleetpatch.compliance;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A fleet's compliance: the {@code fleetpatch.compliance/v1} document (DESIGN.md §7;
 * docs/compliance-v1.md).
 *
 * @param asOf the day it was judged on
 * @param baseline the baseline name(s) used, joined with ", " when hosts use several
 * @param dataVersion the advisory data version of the scan
 * @param hosts per host, in input order
 * @param fleet the roll-ups
 */
public record FleetCompliance(
    LocalDate asOf,
    String baseline,
    String dataVersion,
    List<HostCompliance> hosts,
    FleetSummary fleet) {
  public static final String SCHEMA = "fleetpatch.compliance/v1";

  public FleetCompliance {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(dataVersion, "dataVersion");
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(fleet, "fleet");
  }

  public boolean compliant() {
    return fleet.nonCompliant() == 0;
  }

  /** Builds the document, summing the hosts and naming the baselines they used. */
  public static FleetCompliance of(LocalDate asOf, String dataVersion, List<HostCompliance> hosts) {
    String baselines =
        String.join(
            ", ", hosts.stream().map(HostCompliance::baseline).distinct().sorted().toList());
    return new FleetCompliance(asOf, baselines, dataVersion, hosts, FleetSummary.of(hosts));
  }
}
