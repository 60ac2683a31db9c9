package io.fleetpatch.report;

import io.fleetpatch.compliance.ComplianceItem;
import io.fleetpatch.compliance.ComplianceState;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.Rollup;
import io.fleetpatch.compliance.SlaPolicy;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Compliance as a terminal table: one line per host, its violating and overdue items indented under
 * it, then the fleet roll-ups.
 */
public final class ComplianceTable {
  private ComplianceTable() {}

  public static void header(PrintWriter out) {
    out.printf(
        "%-28s %-22s %-14s %-13s %7s %7s %7s %7s %s%n",
        "HOST", "OS", "GROUP", "COMPLIANT", "MISSING", "FAILED", "REBOOT", "REJECT", "EOL");
  }

  public static void host(PrintWriter out, HostCompliance h) {
    Map<ComplianceState, Integer> c = h.counts();
    String eol =
        h.osEndOfLife()
            ? "OS +" + h.osDaysPastEol() + "d"
            : h.packageEol().isEmpty() ? "" : h.packageEol().size() + " pkg";
    out.printf(
        "%-28s %-22s %-14s %-13s %7d %7d %7d %7d %s%n",
        cut(h.hostId(), 28),
        cut(h.os().prettyName(), 22),
        cut(h.patchGroup() == null ? "-" : h.patchGroup(), 14),
        h.compliant() ? "yes" : "NO (" + (h.nodeLevel() == null ? "-" : h.nodeLevel().name()) + ")",
        c.get(ComplianceState.MISSING),
        c.get(ComplianceState.FAILED),
        c.get(ComplianceState.INSTALLED_PENDING_REBOOT),
        c.get(ComplianceState.INSTALLED_REJECTED),
        eol);
    for (ComplianceItem i : h.items()) {
      if (!i.state().violates() && i.exception() == null) {
        continue;
      }
      String due =
          i.deadline().due() == null
              ? ""
              : " due "
                  + i.deadline().due()
                  // name the clock only when it is not the default one
                  + (i.deadline().clock() == SlaPolicy.Clock.FIRST_SEEN
                      ? " (first seen " + i.deadline().start() + ")"
                      : "")
                  + (i.overdue() ? " OVERDUE " + i.overdueDays() + "d" : "");
      String ex = i.exception() == null ? "" : " waived by " + i.exception();
      out.printf(
          "    %-26s %-10s %-24s%s%s%s%n",
          i.advisory().id(),
          i.severity().label(),
          i.state().name(),
          due,
          i.deadline().kev() ? " KEV" : "",
          ex);
    }
  }

  public static void summary(PrintWriter out, FleetSummary f) {
    out.println();
    out.printf(
        "Fleet: %d hosts, %d compliant, %d non-compliant; %d overdue items, %d waived; %d on an"
            + " end-of-life OS, %d with packages past end of support%n",
        f.hosts(),
        f.compliant(),
        f.nonCompliant(),
        f.overdue(),
        f.waived(),
        f.endOfLife(),
        f.packageEol());
    rollups(out, "By patch group", f.byGroup());
    rollups(out, "By OS", f.byOs());
    rollups(out, "By severity (hosts with such items)", f.bySeverity());
  }

  private static void rollups(PrintWriter out, String title, java.util.List<Rollup> rs) {
    out.println(title + ":");
    for (Rollup r : rs) {
      out.printf(
          "  %-30s %7d hosts %7d non-compliant %8d missing %6d overdue%n",
          cut(r.key(), 30),
          r.hosts(),
          r.nonCompliant(),
          r.items().get(ComplianceState.MISSING),
          r.overdue());
    }
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
