package io.fleetpatch.report;

import io.fleetpatch.compliance.ComplianceItem;
import io.fleetpatch.compliance.HostCompliance;
import java.io.PrintWriter;

/**
 * Compliance as CSV (RFC 4180 quoting): one row per item, with the host columns repeated; a host
 * with no items gets one row with empty item columns.
 */
public final class ComplianceCsv {
  private ComplianceCsv() {}

  public static void header(PrintWriter out) {
    out.print(
        "host,os,patch_group,baseline,compliant,advisory,repo,severity,state,compliance_level,"
            + "approved_on,deadline,overdue_days,kev,exception,cves\r\n");
  }

  public static void host(PrintWriter out, HostCompliance h) {
    String prefix =
        String.join(
            ",",
            q(h.hostId()),
            q(h.os().prettyName()),
            q(h.patchGroup()),
            q(h.baseline()),
            String.valueOf(h.compliant()));
    if (h.items().isEmpty()) {
      out.print(prefix + ",,,,,,,,,,,\r\n");
      return;
    }
    for (ComplianceItem i : h.items()) {
      out.print(
          prefix
              + ","
              + String.join(
                  ",",
                  q(i.advisory().id()),
                  q(i.advisory().source().repo()),
                  q(i.severity().label()),
                  i.state().name(),
                  i.complianceLevel().name(),
                  i.approvedOn() == null ? "" : i.approvedOn().toString(),
                  i.deadline().due() == null ? "" : i.deadline().due().toString(),
                  i.deadline().due() == null ? "" : String.valueOf(i.overdueDays()),
                  String.valueOf(i.deadline().kev()),
                  q(i.exception()),
                  q(String.join(" ", i.advisory().cves())))
              + "\r\n");
    }
  }

  /** RFC 4180: quote when the field holds a comma, quote, CR or LF; double inner quotes. */
  static String q(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
