package io.fleetpatch.cli;

import io.fleetpatch.cli.comply.ComplianceRun;
import io.fleetpatch.cli.comply.ComplyOptions;
import io.fleetpatch.cli.comply.ExceptionsCommand;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.compliance.FleetCompliance;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.VexExport;
import io.fleetpatch.report.ComplianceCsv;
import io.fleetpatch.report.ComplianceJson;
import io.fleetpatch.report.ComplianceTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetpatch comply SOURCE… --baseline FILE|NAME}: compliance per host and fleet. */
@Command(
    name = "comply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = {ExceptionsCommand.class},
    header =
        "Compliance per host and fleet: findings judged by a patch baseline, exceptions and SLAs.",
    description = {
      "",
      "Scans the hosts as 'fleetpatch scan' does (every advisory type), then judges each"
          + " advisory on each host by the host's baseline, in AWS Systems Manager Patch Manager's"
          + " model (docs/baseline.md): approval rules by product, classification, severity and"
          + " repo, approve-after-days counted from the advisory's UPDATED date or an"
          + " approve-until date, compliance levels, approved and rejected lists (BLOCK or"
          + " ALLOW_AS_DEPENDENCY), EnableNonSecurity, and patch groups by the 'Patch Group' /"
          + " 'PatchGroup' tag.",
      "",
      "States: INSTALLED, INSTALLED_OTHER, INSTALLED_PENDING_REBOOT, INSTALLED_REJECTED,"
          + " MISSING, FAILED, NOT_APPLICABLE. A host is compliant when nothing at or above"
          + " --threshold is MISSING, FAILED or pending reboot and no rejected package is"
          + " installed, waived items aside. Open items get an SLA deadline (Critical 7, Important"
          + " 30, Medium 90, Low 180 days; a KEV-listed CVE 14) and are overdue past it. The clock"
          + " starts at the advisory's issued date, or with --sla-clock first-seen at the day the"
          + " finding was first recorded open on the host: runs with --record keep that history"
          + " in the store (--db), and a finding that closes and opens again starts a fresh"
          + " clock. FAILED comes from --install-results (what a patch run reported). Hosts on an"
          + " end-of-life OS, and AL2023 packages past their support statement, are flagged with"
          + " the days past.",
      ""
    },
    footer = {
      "",
      "Output: --format table (default), json (schema fleetpatch.compliance/v1,"
          + " docs/compliance-v1.md) or csv (one row per item). --vex FILE also writes the waived"
          + " items as CycloneDX 1.6 VEX. Exit code 1 when a host is non-compliant.",
      "",
      "Not built yet: exceptions stored in the database (--db); FAILED from fleetpatch's own"
          + " remediation runs (give their outcomes with --install-results).",
      "",
      "Examples:",
      "  fleetpatch comply fleet/ --advisories shared/data/amazon/updateinfo \\",
      "    --baseline AWS-AmazonLinux2DefaultPatchBaseline --as-of 2025-03-01",
      "  fleetpatch comply hosts/ --advisories updateinfo/ --baseline prod.json \\",
      "    --exceptions exceptions.yaml --vex waived.cdx.json --format json > compliance.json",
      "  # daily, from cron: record the history, judge SLAs from first sight, with patch outcomes",
      "  fleetpatch comply fleet/ --baseline prod.json --record --sla-clock first-seen \\",
      "    --install-results ssm-results.jsonl --format json > compliance.json",
      "  fleetpatch comply exceptions add --exceptions exceptions.yaml --id EX-1 \\",
      "    --cve CVE-2024-6387 --group web --justification '...' --approver alice --expires 2026-04-01"
    })
public final class ComplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ComplyOptions options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.table;

  @Option(
      names = "--vex",
      paramLabel = "FILE",
      description = "Also write the waived items as CycloneDX 1.6 VEX to FILE.")
  Path vex;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ComplianceRun run =
        ComplianceRun.prepare(
            options,
            StoreAdvisories.choose(options.advisoryFiles(), null, global, spec.commandLine()),
            () -> StoreOpener.open(global, spec.commandLine()),
            spec,
            err,
            global.quiet());
    ProgressBar bar = new ProgressBar(err, global.progress(), "hosts", run.hostCount());
    List<HostCompliance> kept = new ArrayList<>();
    FleetSummary summary;
    switch (format) {
      case json -> {
        try (ComplianceJson json =
            new ComplianceJson(out, run.policy().asOf(), run.baselineLabel(), run.dataVersion())) {
          summary = run.run(h -> keep(json, h, kept), bar);
          json.summary(summary);
        }
      }
      case csv -> {
        ComplianceCsv.header(out);
        summary = run.run(h -> keepCsv(out, h, kept), bar);
      }
      default -> {
        ComplianceTable.header(out);
        summary = run.run(h -> keepTable(out, h, kept), bar);
        ComplianceTable.summary(out, summary);
      }
    }
    run.record(err, global.quiet());
    if (vex != null) {
      FleetCompliance fc =
          new FleetCompliance(
              run.policy().asOf(), run.baselineLabel(), run.dataVersion(), kept, summary);
      Files.writeString(
          vex, VexExport.toJson(VexExport.of(fc, run.waivers())), StandardCharsets.UTF_8);
    }
    if (!global.quiet()) {
      err.printf(
          "fleetpatch: %d hosts (%d distinct) judged on %s against %d advisories, data %s: %d"
              + " compliant, %d non-compliant, %d overdue items%n",
          summary.hosts(),
          run.shapesEvaluated(),
          run.policy().asOf(),
          run.advisoryCount(),
          run.dataVersion(),
          summary.compliant(),
          summary.nonCompliant(),
          summary.overdue());
    }
    out.flush();
    return summary.nonCompliant() > 0 ? ExitCode.FINDINGS : ExitCode.OK;
  }

  /** Hosts with waived items are kept for the VEX; the rest stream through. */
  private void keep(ComplianceJson json, HostCompliance h, List<HostCompliance> kept) {
    json.host(h);
    remember(h, kept);
  }

  private void keepCsv(PrintWriter out, HostCompliance h, List<HostCompliance> kept) {
    ComplianceCsv.host(out, h);
    remember(h, kept);
  }

  private void keepTable(PrintWriter out, HostCompliance h, List<HostCompliance> kept) {
    ComplianceTable.host(out, h);
    remember(h, kept);
  }

  private void remember(HostCompliance h, List<HostCompliance> kept) {
    if (vex != null && h.items().stream().anyMatch(i -> i.exception() != null)) {
      kept.add(h);
    }
  }
}
