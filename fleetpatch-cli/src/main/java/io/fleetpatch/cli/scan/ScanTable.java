package io.fleetpatch.cli.scan;

import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.PackageEvidence;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The table and CSV renderings of scan findings: one line per shown package row. */
public final class ScanTable {
  private ScanTable() {}

  private static final String ROW = "%-16s %-28s %-9s %-24s %-36s %-28s %s%n";

  public static void header(PrintWriter out) {
    out.printf(ROW, "HOST", "ADVISORY", "SEVERITY", "STATE", "PACKAGE", "INSTALLED", "FIXED");
  }

  public static void table(PrintWriter out, HostFindings h, Set<FindingState> states) {
    for (Finding f : h.findings()) {
      if (!states.contains(f.state())) {
        continue;
      }
      for (PackageEvidence p : f.packages()) {
        if (p.state() == FindingState.NOT_APPLICABLE && f.state() != FindingState.NOT_APPLICABLE) {
          continue;
        }
        out.printf(
            ROW,
            h.hostId(),
            f.advisoryId(),
            f.severity().label(),
            f.state(),
            p.name() + "." + p.arch(),
            p.compared() == null ? "-" : p.compared().evr().toFullString(),
            p.fixed().evr().toFullString());
      }
    }
  }

  /** "N hosts: MISSING a, INSTALLED_PENDING_REBOOT b, ..." over the findings (all states). */
  public static String summary(int hosts, Map<FindingState, Long> counts) {
    StringBuilder sb = new StringBuilder().append(hosts).append(hosts == 1 ? " host" : " hosts");
    String sep = ": ";
    for (FindingState s : FindingState.values()) {
      sb.append(sep).append(s).append(' ').append(counts.getOrDefault(s, 0L));
      sep = ", ";
    }
    return sb.append(" (advisory findings)").toString();
  }

  public static Map<FindingState, Long> count(HostFindings h, Map<FindingState, Long> into) {
    for (Finding f : h.findings()) {
      into.merge(f.state(), 1L, Long::sum);
    }
    return into;
  }

  public static Map<FindingState, Long> newCounts() {
    return new EnumMap<>(FindingState.class);
  }

  public static void csvHeader(PrintWriter out) {
    out.println(
        "host,advisory,release,repo,severity,type,state,cves,package,arch,installed,fixed,"
            + "packageState,rule");
  }

  public static void csv(PrintWriter out, HostFindings h, Set<FindingState> states) {
    for (Finding f : h.findings()) {
      if (!states.contains(f.state())) {
        continue;
      }
      for (PackageEvidence p : f.packages()) {
        out.println(
            String.join(
                ",",
                csvField(h.hostId()),
                csvField(f.advisoryId()),
                csvField(f.source().release()),
                csvField(f.repo()),
                f.severity().label(),
                f.type().toString(),
                f.state().name(),
                csvField(String.join(" ", f.cves())),
                csvField(p.name()),
                csvField(p.arch()),
                p.compared() == null ? "" : csvField(p.compared().evr().toFullString()),
                csvField(p.fixed().evr().toFullString()),
                p.state().name(),
                p.rule().name()));
      }
    }
  }

  /** RFC 4180 quoting when needed. */
  public static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
