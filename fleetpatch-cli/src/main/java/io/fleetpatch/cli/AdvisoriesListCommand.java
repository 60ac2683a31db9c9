package io.fleetpatch.cli;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.cli.output.AdvisoryViews;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fleetpatch advisories list [--repo --severity --cve --since]}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List the stored advisories.",
    description = {
      "",
      "One row per advisory and source, sorted by source then id: id, source (release/repo),"
          + " type, normalised severity, issued and updated dates, number of fixed-package rows,"
          + " and CVEs. The filters combine (AND).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch advisories list --repo amzn2-core --severity critical",
      "  fleetpatch advisories list --cve CVE-2024-6387 --format csv",
      "  fleetpatch advisories list --since 2025-01-01 --format json"
    })
final class AdvisoriesListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Option(
      names = "--repo",
      paramLabel = "ID",
      description = "Only this repo id (amzn2-core) or source (2023/amazonlinux).")
  String repo;

  @Option(
      names = "--severity",
      paramLabel = "SEVERITY",
      description =
          "Only advisories at or above this severity: critical, important, medium (moderate),"
              + " low, none.")
  String severity;

  @Option(names = "--cve", paramLabel = "CVE", description = "Only advisories that fix this CVE.")
  String cve;

  @Option(
      names = "--since",
      paramLabel = "YYYY-MM-DD",
      description = "Only advisories updated (else issued) on or after this day (UTC).")
  String since;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AdvisoryQuery q =
        new AdvisoryQuery(
            repo, severity(), cve == null ? null : CveShowCommand.check(cve, spec), since());
    List<Advisory> advisories;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      advisories = db.advisories().list(q);
    }
    AdvisoryViews.listTable(advisories).print(out, output.format());
    return ExitCode.OK;
  }

  private Severity severity() {
    if (severity == null) {
      return null;
    }
    Severity s = Severity.normalise(severity);
    if (s == Severity.UNKNOWN || severity.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "--severity: unknown severity '"
              + severity
              + "' (critical, important, medium, low, none)");
    }
    return s;
  }

  private java.time.Instant since() {
    if (since == null) {
      return null;
    }
    try {
      return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--since: expected YYYY-MM-DD, got '" + since + "'");
    }
  }
}
