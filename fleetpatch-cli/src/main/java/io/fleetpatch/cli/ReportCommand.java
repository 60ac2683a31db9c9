package io.fleetpatch.cli;

import io.fleetpatch.cli.comply.ComplianceRun;
import io.fleetpatch.cli.comply.ComplyOptions;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.compliance.FleetCompliance;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.report.HtmlReport;
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

/** {@code fleetpatch report SOURCE… -o report.html}: the compliance report as one HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Write the fleet's compliance as a self-contained HTML report.",
    description = {
      "",
      "Runs 'fleetpatch comply' with the same options and writes one HTML file a person can read"
          + " and mail around: a fleet summary with charts (inline SVG; no scripts, no external"
          + " assets), roll-ups by OS and patch group, the overdue list (most days over first),"
          + " hosts on an end-of-life OS or with packages past their end of support, the AL2 ->"
          + " AL2023 migration summary (with --al2023-packages) and every host with its open"
          + " items, non-compliant hosts first. --sla-clock, --record and --install-results work"
          + " as for 'fleetpatch comply'.",
      ""
    },
    footer = {
      "",
      "Exit code 0 when the report was written, whatever the fleet's compliance ('fleetpatch"
          + " comply' exits 1 for non-compliance).",
      "",
      "Example:",
      "  fleetpatch report fleet/ --advisories shared/data/amazon/updateinfo \\",
      "    --baseline AWS-AmazonLinux2DefaultPatchBaseline --exceptions exceptions.yaml \\",
      "    --support-info al2023-support-statements/support_info.xml -o report.html"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ComplyOptions options;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The HTML file to write.")
  Path output;

  @Override
  public Integer call() throws IOException {
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
    List<HostCompliance> hosts = new ArrayList<>(run.hostCount());
    FleetSummary summary = run.run(hosts::add, bar);
    run.record(err, global.quiet());
    FleetCompliance fc =
        new FleetCompliance(
            run.policy().asOf(), run.baselineLabel(), run.dataVersion(), hosts, summary);
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      HtmlReport.write(w, fc);
    }
    if (!global.quiet()) {
      err.printf(
          "fleetpatch: wrote %s: %d hosts, %d compliant, %d non-compliant, %d overdue items%n",
          output, summary.hosts(), summary.compliant(), summary.nonCompliant(), summary.overdue());
    }
    return ExitCode.OK;
  }
}
