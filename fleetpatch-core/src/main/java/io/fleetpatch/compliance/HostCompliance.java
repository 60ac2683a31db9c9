package io.fleetpatch.compliance;

import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.lifecycle.Migration;
import io.fleetpatch.lifecycle.OsSupport;
import io.fleetpatch.lifecycle.PackageSupport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compliance of one host: an entry of {@code hosts[]} in {@code fleetpatch.compliance/v1}.
 *
 * @param host the host
 * @param os its os-release
 * @param baseline the name of the baseline it was judged by
 * @param patchGroup its patch group, or null
 * @param compliant whether no item at or above the threshold level is MISSING, FAILED, pending
 *     reboot or an installed rejected package (exceptions aside)
 * @param nodeLevel the most severe compliance level among the violating items (SSM reports the
 *     rule's ComplianceLevel for a node with a missing patch), or null when compliant
 * @param items one per advisory with a compliance state, sorted by advisory id
 * @param tally the items counted for fleet roll-ups (must agree with {@code items}; the evaluator
 *     counts as it judges)
 * @param osSupport the OS support row, or null when the OS is not in the lifecycle table
 * @param osDaysPastEol days the OS is past its end of life (0 when it is not)
 * @param packageEol installed packages past their end of support
 * @param migration the AL2 → AL2023 migration view (AL2 hosts only), or null
 */
public record HostCompliance(
    Host host,
    OsRelease os,
    String baseline,
    String patchGroup,
    boolean compliant,
    ComplianceLevel nodeLevel,
    List<ComplianceItem> items,
    ItemTally tally,
    OsSupport osSupport,
    long osDaysPastEol,
    List<PackageSupport.PackageEol> packageEol,
    Migration migration) {
  public HostCompliance {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(baseline, "baseline");
    items = items instanceof SharedItems.ItemsOfFindings shared ? shared : List.copyOf(items);
    Objects.requireNonNull(tally, "tally");
    packageEol = List.copyOf(packageEol);
  }

  public String hostId() {
    return host.id();
  }

  /** Whether the OS is past its end of life. */
  public boolean osEndOfLife() {
    return osDaysPastEol > 0;
  }

  /** Items per state (every state present, zero when none). */
  public Map<ComplianceState, Integer> counts() {
    Map<ComplianceState, Integer> m = new EnumMap<>(ComplianceState.class);
    for (ComplianceState s : ComplianceState.values()) {
      m.put(s, 0);
    }
    for (ComplianceItem i : items) {
      m.merge(i.state(), 1, Integer::sum);
    }
    return m;
  }

  /** The items past their SLA deadline. */
  public List<ComplianceItem> overdue() {
    return items.stream().filter(ComplianceItem::overdue).toList();
  }
}
