package io.fleetpatch.cli;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.store.CveReport;
import io.fleetpatch.cli.output.AdvisoryViews;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch cve show CVE-...}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Show a CVE: the advisories and repos that fix it, fixed packages, KEV and EPSS.",
    description = {
      "",
      "Lists every stored advisory that names the CVE, with its source (release/repo), severity"
          + " and fixed packages; whether CISA lists it as known exploited (KEV: date added, due"
          + " date, ransomware use) and its EPSS score, where those feeds were imported."
          + " --format csv prints one row per fixed package. A CVE the store knows nothing of"
          + " exits with code 3.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch cve show CVE-2024-6387",
      "  fleetpatch cve show cve-2021-44228 --format json"
    })
final class CveShowCommand implements Callable<Integer> {
  /** CVE ids: CVE-YYYY-NNNN with 4 or more digits (cve.org, CVE ID syntax since 2014). */
  private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Parameters(index = "0", paramLabel = "CVE", description = "A CVE id, e.g. CVE-2024-6387.")
  String cve;

  /** The CVE id upper-cased, or a usage error quoting it. */
  static String check(String cve, CommandSpec spec) {
    String id = cve.trim().toUpperCase(Locale.ROOT);
    if (!CVE_ID.matcher(id).matches()) {
      throw new ParameterException(
          spec.commandLine(), "not a CVE id: '" + cve + "' (expected CVE-YYYY-NNNN)");
    }
    return id;
  }

  @Override
  public Integer call() {
    String id = check(cve, spec);
    PrintWriter out = spec.commandLine().getOut();
    CveReport r;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      r = db.advisories().cve(id);
    }
    if (r.isEmpty()) {
      throw new ProblemException(
          Problem.of(id, "not in the store: no advisory, KEV or EPSS entry names it"));
    }
    switch (output.format()) {
      case json -> Table.Json.print(out, AdvisoryViews.json(r));
      case csv -> rows(r).print(out, output.format());
      case table -> {
        out.println(id);
        out.println(
            "  KEV:  "
                + r.kev()
                    .map(
                        k ->
                            "known exploited (added "
                                + k.dateAdded()
                                + ", due "
                                + k.dueDate()
                                + (k.knownRansomware() ? ", used in ransomware" : "")
                                + "): "
                                + k.name())
                    .orElse("not listed"));
        out.println(
            "  EPSS: "
                + r.epss()
                    .map(
                        e ->
                            String.format(
                                Locale.ROOT,
                                "%.5f (percentile %.5f, %s)",
                                e.epss(),
                                e.percentile(),
                                e.scoreDate()))
                    .orElse("no score"));
        out.println("  advisories: " + r.advisories().size());
        out.println();
        rows(r).print(out, output.format());
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static Table rows(CveReport r) {
    Table t =
        new Table(
            "cve",
            "advisory",
            "source",
            "severity",
            "updated",
            "package",
            "evr",
            "arch",
            "kev",
            "epss");
    String kev = r.kev().isPresent() ? "yes" : "no";
    Double epss = r.epss().map(e -> e.epss()).orElse(null);
    for (Advisory a : r.advisories()) {
      String updated = AdvisoryViews.date(a.updatedOrIssued());
      if (a.packages().isEmpty()) {
        t.add(
            r.cveId(),
            a.id(),
            a.source().toString(),
            a.severity().label(),
            updated,
            null,
            null,
            null,
            kev,
            epss);
      }
      for (FixedPackage p : a.packages()) {
        t.add(
            r.cveId(),
            a.id(),
            a.source().toString(),
            a.severity().label(),
            updated,
            p.name(),
            AdvisoryViews.evr(p),
            p.arch(),
            kev,
            epss);
      }
    }
    return t;
  }
}
