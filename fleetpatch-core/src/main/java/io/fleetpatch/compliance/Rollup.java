package io.fleetpatch.compliance;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compliance counts for one slice of the fleet (a patch group, an OS, an advisory severity).
 *
 * @param key the slice: group name, OS name, severity label
 * @param hosts hosts in the slice (for severity: hosts with an item of that severity)
 * @param nonCompliant of those, hosts that are non-compliant (for severity: hosts with a violating
 *     item of that severity)
 * @param items items per state
 * @param overdue items past their SLA deadline
 */
public record Rollup(
    String key, long hosts, long nonCompliant, Map<ComplianceState, Long> items, long overdue) {
  public Rollup {
    Objects.requireNonNull(key, "key");
    EnumMap<ComplianceState, Long> m = new EnumMap<>(ComplianceState.class);
    for (ComplianceState s : ComplianceState.values()) {
      m.put(s, items.getOrDefault(s, 0L));
    }
    items = java.util.Collections.unmodifiableMap(m);
  }

  public long compliant() {
    return hosts - nonCompliant;
  }
}
