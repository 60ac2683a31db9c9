package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    private final long[] byState = new long[ComplianceState.values().length];
    private final Map<String, Acc> byGroup = new TreeMap<>();
    private final Map<String, Acc> byOs = new TreeMap<>();
    private final Acc[] bySeverity = new Acc[Severity.values().length];

    private static final int STATES = ComplianceState.values().length;
    private static final ComplianceState[] STATE = ComplianceState.values();
    private static final Severity[] SEVERITIES = Severity.values();

    private static final class Acc {
      long hosts;
      long nonCompliant;
      long overdue;
      final long[] items = new long[STATES];

      void merge(Acc o) {
        hosts += o.hosts;
        nonCompliant += o.nonCompliant;
        overdue += o.overdue;
        for (int i = 0; i < STATES; i++) {
          items[i] += o.items[i];
        }
      }

      Rollup rollup(String key) {
        EnumMap<ComplianceState, Long> m = new EnumMap<>(ComplianceState.class);
        for (ComplianceState s : ComplianceState.values()) {
          m.put(s, items[s.ordinal()]);
        }
        return new Rollup(key, hosts, nonCompliant, m, overdue);
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
      ItemTally t = h.tally();
      waived += t.waived();
      for (Severity sv : SEVERITIES) {
        int n = t.items(sv);
        if (n == 0) {
          continue;
        }
        Acc s = bySeverity[sv.ordinal()];
        if (s == null) {
          s = bySeverity[sv.ordinal()] = new Acc();
        }
        s.hosts++;
        if (t.violating(sv)) {
          s.nonCompliant++;
        }
        for (ComplianceState st : STATE) {
          int k = t.items(st, sv);
          byState[st.ordinal()] += k;
          g.items[st.ordinal()] += k;
          o.items[st.ordinal()] += k;
          s.items[st.ordinal()] += k;
        }
        int late = t.overdue(sv);
        overdue += late;
        g.overdue += late;
        o.overdue += late;
        s.overdue += late;
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
      for (int i = 0; i < byState.length; i++) {
        byState[i] += b.byState[i];
      }
      b.byGroup.forEach((k, v) -> byGroup.computeIfAbsent(k, x -> new Acc()).merge(v));
      b.byOs.forEach((k, v) -> byOs.computeIfAbsent(k, x -> new Acc()).merge(v));
      for (int i = 0; i < bySeverity.length; i++) {
        if (b.bySeverity[i] != null) {
          if (bySeverity[i] == null) {
            bySeverity[i] = new Acc();
          }
          bySeverity[i].merge(b.bySeverity[i]);
        }
      }
      return this;
    }

    public FleetSummary build() {
      EnumMap<ComplianceState, Long> states = new EnumMap<>(ComplianceState.class);
      for (ComplianceState s : ComplianceState.values()) {
        states.put(s, byState[s.ordinal()]);
      }
      List<Rollup> groups = new ArrayList<>();
      byGroup.forEach((k, v) -> groups.add(v.rollup(k)));
      List<Rollup> oses = new ArrayList<>();
      byOs.forEach((k, v) -> oses.add(v.rollup(k)));
      List<Rollup> sev = new ArrayList<>();
      for (Severity s : Severity.values()) {
        if (bySeverity[s.ordinal()] != null) {
          sev.add(bySeverity[s.ordinal()].rollup(s.label()));
        }
      }
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
