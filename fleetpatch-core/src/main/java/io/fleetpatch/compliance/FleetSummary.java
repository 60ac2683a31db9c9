package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fleet roll-ups: hosts and items by patch group, by OS, by advisory severity and by state (the
 * {@code fleet} object of {@code fleetpatch.compliance/v1}). Built by adding hosts one at a time,
 * so a fleet never has to be held in memory to be summed.
 *
 * @param hosts hosts judged
 * @param compliant compliant hosts
 * @param endOfLife hosts on an end-of-life OS
 * @param packageEol hosts with at least one package past its end of support
 * @param overdue items past their SLA deadline
 * @param waived items waived by an exception
 * @param byState items per state
 * @param byGroup per patch group ({@code (none)} for ungrouped hosts), sorted by key
 * @param byOs per OS pretty name, sorted
 * @param bySeverity per advisory severity, Critical first
 */
public record FleetSummary(
    long hosts,
    long compliant,
    long endOfLife,
    long packageEol,
    long overdue,
    long waived,
    Map<ComplianceState, Long> byState,
    List<Rollup> byGroup,
    List<Rollup> byOs,
    List<Rollup> bySeverity) {
  public FleetSummary {
    byState = Map.copyOf(byState);
    byGroup = List.copyOf(byGroup);
    byOs = List.copyOf(byOs);
    bySeverity = List.copyOf(bySeverity);
  }

  public long nonCompliant() {
    return hosts - compliant;
  }

  /** Adds hosts up. Not thread-safe: one builder per thread, then {@link #merge}. */
  public static final class Builder {
    private long hosts;
    private long compliant;
    private long eol;
    private long pkgEol;
    private long overdue;
    private long waived;
    private final EnumMap<ComplianceState, Long> byState = new EnumMap<>(ComplianceState.class);
    private final Map<String, Acc> byGroup = new TreeMap<>();
    private final Map<String, Acc> byOs = new TreeMap<>();
    private final Map<Severity, Acc> bySeverity = new EnumMap<>(Severity.class);

    private static final class Acc {
      long hosts;
      long nonCompliant;
      long overdue;
      final EnumMap<ComplianceState, Long> items = new EnumMap<>(ComplianceState.class);

      void merge(Acc o) {
        hosts += o.hosts;
        nonCompliant += o.nonCompliant;
        overdue += o.overdue;
        o.items.forEach((k, v) -> items.merge(k, v, Long::sum));
      }

      Rollup rollup(String key) {
        return new Rollup(key, hosts, nonCompliant, items, overdue);
      }
    }

    public Builder add(HostCompliance h) {
      hosts++;
      if (h.compliant()) {
        compliant++;
      }
      if (h.osEndOfLife()) {
        eol++;
      }
      if (!h.packageEol().isEmpty()) {
        pkgEol++;
      }
      Acc g =
          byGroup.computeIfAbsent(
              h.patchGroup() == null ? "(none)" : h.patchGroup(), k -> new Acc());
      Acc o = byOs.computeIfAbsent(h.os().prettyName(), k -> new Acc());
      g.hosts++;
      o.hosts++;
      if (!h.compliant()) {
        g.nonCompliant++;
        o.nonCompliant++;
      }
      Set<Severity> seen = new HashSet<>();
      Set<Severity> violating = new HashSet<>();
      for (ComplianceItem i : h.items()) {
        byState.merge(i.state(), 1L, Long::sum);
        g.items.merge(i.state(), 1L, Long::sum);
        o.items.merge(i.state(), 1L, Long::sum);
        Acc s = bySeverity.computeIfAbsent(i.advisory().severity(), k -> new Acc());
        s.items.merge(i.state(), 1L, Long::sum);
        seen.add(i.advisory().severity());
        if (i.exception() != null) {
          waived++;
        }
        if (i.state().violates() && i.exception() == null) {
          violating.add(i.advisory().severity());
        }
        if (i.overdue()) {
          overdue++;
          g.overdue++;
          o.overdue++;
          s.overdue++;
        }
      }
      for (Severity s : seen) {
        Acc a = bySeverity.get(s);
        a.hosts++;
        if (violating.contains(s)) {
          a.nonCompliant++;
        }
      }
      return this;
    }

    public Builder merge(Builder b) {
      hosts += b.hosts;
      compliant += b.compliant;
      eol += b.eol;
      pkgEol += b.pkgEol;
      overdue += b.overdue;
      waived += b.waived;
      b.byState.forEach((k, v) -> byState.merge(k, v, Long::sum));
      b.byGroup.forEach((k, v) -> byGroup.computeIfAbsent(k, x -> new Acc()).merge(v));
      b.byOs.forEach((k, v) -> byOs.computeIfAbsent(k, x -> new Acc()).merge(v));
      b.bySeverity.forEach((k, v) -> bySeverity.computeIfAbsent(k, x -> new Acc()).merge(v));
      return this;
    }

    public FleetSummary build() {
      EnumMap<ComplianceState, Long> states = new EnumMap<>(ComplianceState.class);
      for (ComplianceState s : ComplianceState.values()) {
        states.put(s, byState.getOrDefault(s, 0L));
      }
      List<Rollup> groups = new ArrayList<>();
      byGroup.forEach((k, v) -> groups.add(v.rollup(k)));
      List<Rollup> oses = new ArrayList<>();
      byOs.forEach((k, v) -> oses.add(v.rollup(k)));
      List<Rollup> sev = new ArrayList<>();
      bySeverity.forEach((k, v) -> sev.add(v.rollup(k.label())));
      return new FleetSummary(
          hosts, compliant, eol, pkgEol, overdue, waived, states, groups, oses, sev);
    }
  }

  public static FleetSummary of(List<HostCompliance> hosts) {
    Builder b = new Builder();
    hosts.forEach(b::add);
    return b.build();
  }
}
