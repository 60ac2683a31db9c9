package io.fleetpatch.cli;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.cli.output.AdvisoryViews;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch advisories show ID}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Show one advisory: its fields, references, fixed packages and history.",
    description = {
      "",
      "An id published in several repos is shown once per source. --format json prints an array"
          + " of advisory objects (with \"history\"); --format csv prints the fixed-package rows."
          + " An id the store does not hold exits with code 3.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch advisories show ALAS2-2024-2377",
      "  fleetpatch advisories show ALAS2023-2024-512 --format json"
    })
final class AdvisoriesShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Parameters(index = "0", paramLabel = "ID", description = "Advisory id, e.g. ALAS2-2024-2377.")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Advisory> found;
    List<AdvisoryChange> history;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      found = db.advisories().findById(id);
      history = db.advisories().changes(id);
    }
    if (found.isEmpty()) {
      throw new ProblemException(
          Problem.of(id, "no such advisory in the store (import or sync its feed first)"));
    }
    switch (output.format()) {
      case json -> {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Advisory a : found) {
          Map<String, Object> m = new LinkedHashMap<>(AdvisoryViews.json(a));
          m.put("history", historyOf(a, history));
          all.add(m);
        }
        Table.Json.print(out, all);
      }
      case csv -> AdvisoryViews.packageTable(found).print(out, output.format());
      case table -> {
        for (Advisory a : found) {
          printText(out, a, history);
        }
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static List<Map<String, Object>> historyOf(Advisory a, List<AdvisoryChange> history) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AdvisoryChange c : history) {
      if (c.source().equals(a.source())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("import", c.importId());
        m.put("change", c.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("previousVersion", c.previousVersion());
        m.put("previousUpdated", c.previousUpdated());
        m.put("version", c.version());
        m.put("updated", c.updated());
        out.add(m);
      }
    }
    return out;
  }

  private static void printText(PrintWriter out, Advisory a, List<AdvisoryChange> history) {
    out.println(a.id() + "  (" + a.source() + ")");
    out.println("  title:     " + a.title());
    out.println("  type:      " + a.type());
    out.println(
        "  severity:  "
            + a.severity().label()
            + (a.severityText().isEmpty() ? "" : " (published as '" + a.severityText() + "')"));
    out.println("  issued:    " + (a.issued() == null ? "-" : a.issued()));
    out.println("  updated:   " + (a.updated() == null ? "-" : a.updated()));
    out.println("  version:   " + (a.version().isEmpty() ? "-" : a.version()));
    out.println("  reboot:    " + (a.rebootSuggested() ? "suggested" : "no"));
    out.println("  cves:      " + (a.cves().isEmpty() ? "-" : String.join(" ", a.cves())));
    if (!a.description().isBlank()) {
      out.println("  description:");
      a.description().strip().lines().forEach(l -> out.println("    " + l.strip()));
    }
    if (!a.references().isEmpty()) {
      out.println("  references:");
      for (Reference r : a.references()) {
        out.println("    " + r.type() + " " + r.id() + (r.href().isEmpty() ? "" : " " + r.href()));
      }
    }
    out.println("  history:");
    for (Map<String, Object> h : historyOf(a, history)) {
      out.println(
          "    import #"
              + h.get("import")
              + ": "
              + h.get("change")
              + (h.get("previousVersion") == null
                  ? ""
                  : " (was version "
                      + h.get("previousVersion")
                      + ", updated "
                      + h.get("previousUpdated")
                      + ")"));
    }
    out.println("  fixed packages:");
    java.io.StringWriter buf = new java.io.StringWriter();
    PrintWriter pw = new PrintWriter(buf);
    AdvisoryViews.packageTable(List.of(a)).print(pw, io.fleetpatch.cli.OutputFormat.table);
    buf.toString().lines().forEach(l -> out.println("    " + l));
    out.println();
  }
}
