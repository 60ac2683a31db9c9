package io.fleetpatch.match;

import io.fleetpatch.advisory.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The CVE view of a host's findings: each CVE with its worst state (DESIGN.md §4). */
public final class CveView {
  private CveView() {}

  /**
   * One entry per CVE named by a finding that is not NOT_APPLICABLE, sorted by CVE id. A CVE's
   * state is the worst across the advisories fixing it; an exposed kernel finding counts as
   * MITIGATED_BY_LIVEPATCH for the CVEs a live patch of the running kernel fixes.
   */
  public static List<CveFinding> of(HostFindings host, CveEnrichment enrichment) {
    record Acc(FindingState[] state, Severity[] severity, TreeSet<String> advisories) {}
    Map<String, Acc> by = new TreeMap<>();
    for (Finding f : host.findings()) {
      if (f.state() == FindingState.NOT_APPLICABLE) {
        continue;
      }
      for (String cve : f.cves()) {
        FindingState s =
            f.state().exposed() && f.mitigatedCves().contains(cve)
                ? FindingState.MITIGATED_BY_LIVEPATCH
                : f.state();
        Acc acc =
            by.computeIfAbsent(
                cve,
                k ->
                    new Acc(
                        new FindingState[] {FindingState.NOT_APPLICABLE},
                        new Severity[] {Severity.UNKNOWN},
                        new TreeSet<>()));
        acc.state[0] = FindingState.worst(acc.state[0], s);
        if (acc.severity[0] == Severity.UNKNOWN
            || (f.severity() != Severity.UNKNOWN && f.severity().atLeast(acc.severity[0]))) {
          acc.severity[0] = f.severity();
        }
        acc.advisories.add(f.advisoryId());
      }
    }
    List<CveFinding> out = new ArrayList<>(by.size());
    by.forEach(
        (cve, acc) ->
            out.add(
                new CveFinding(
                    cve,
                    acc.state[0],
                    acc.severity[0],
                    List.copyOf(acc.advisories),
                    enrichment.lookup(cve))));
    return out;
  }
}
