package io.fleetpatch.match;

import java.util.List;
import java.util.Objects;

/**
 * A scan of a fleet: the {@code fleetpatch.scan/v1} document (DESIGN.md §7, docs/scan-v1.md).
 *
 * @param dataVersion the advisory data version the scan used (store data version, or a digest of
 *     the feed files)
 * @param hosts per host findings, in input order
 */
public record ScanResult(String dataVersion, List<HostFindings> hosts) {
  public static final String SCHEMA = "fleetpatch.scan/v1";

  public ScanResult {
    Objects.requireNonNull(dataVersion, "dataVersion");
    hosts = List.copyOf(hosts);
  }
}
