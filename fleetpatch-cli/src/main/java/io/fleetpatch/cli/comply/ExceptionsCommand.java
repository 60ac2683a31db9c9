package io.fleetpatch.cli.comply;

import io.fleetpatch.compliance.AuditLog;
import io.fleetpatch.compliance.VexExport;
import io.fleetpatch.compliance.VexStatement;
import io.fleetpatch.compliance.Waiver;
import io.fleetpatch.compliance.WaiverFile;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetpatch comply exceptions add|list|vex}: manage the exceptions file. */
@Command(
    name = "exceptions",
    mixinStandardHelpOptions = true,
    header = "Add, list and export exceptions (time-boxed waivers), with an audit log.",
    description = {
      "",
      "An exception waives a CVE, an advisory or everything, on one host, one patch group or the"
          + " fleet, until it expires; it needs a justification and an approver. Every creation"
          + " and every expiry is recorded in the audit log (JSON Lines, append-only; default: the"
          + " exceptions file + .audit.jsonl). Format: docs/compliance-v1.md.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch comply exceptions add --exceptions ex.yaml --id EX-1 --cve CVE-2024-6387 \\",
      "    --group web --justification 'not reachable' --approver alice --expires 2026-04-01",
      "  fleetpatch comply exceptions list --exceptions ex.yaml --as-of 2026-03-01",
      "  fleetpatch comply exceptions vex --exceptions ex.yaml -o exceptions.cdx.json"
    })
public final class ExceptionsCommand {
  @Spec CommandSpec spec;

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add one exception to the file and record its creation in the audit log.")
  int add(
      @Option(names = "--exceptions", required = true, paramLabel = "FILE") Path file,
      @Option(names = "--audit", paramLabel = "FILE") Path audit,
      @Option(names = "--id", required = true) String id,
      @Option(names = "--cve", paramLabel = "CVE-…") String cve,
      @Option(names = "--advisory", paramLabel = "ID") String advisory,
      @Option(names = "--host", paramLabel = "HOST-ID") String host,
      @Option(names = "--group", paramLabel = "PATCH-GROUP") String group,
      @Option(names = "--justification", required = true) String justification,
      @Option(names = "--approver", required = true) String approver,
      @Option(names = "--created", paramLabel = "YYYY-MM-DD", description = "Default: today (UTC).")
          LocalDate created,
      @Option(names = "--expires", required = true, paramLabel = "YYYY-MM-DD") LocalDate expires,
      @Option(
              names = "--vex-state",
              description = "CycloneDX analysis.state (default: exploitable, risk accepted).")
          String vexState,
      @Option(names = "--vex-justification", description = "CycloneDX analysis.justification.")
          String vexJustification)
      throws IOException {
    if (cve != null && advisory != null || host != null && group != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at most one of --cve/--advisory and one of --host/--group");
    }
    List<Waiver> all = new ArrayList<>(WaiverFile.read(file));
    if (all.stream().anyMatch(w -> w.id().equals(id))) {
      throw new ProblemException(Problem.of(file.toString(), "exception id '" + id + "' exists"));
    }
    Waiver w;
    try {
      VexStatement vex =
          vexState == null && vexJustification == null
              ? VexStatement.RISK_ACCEPTED
              : new VexStatement(
                  vexState == null ? "not_affected" : vexState, vexJustification, List.of());
      w =
          new Waiver(
              id,
              cve != null
                  ? new Waiver.Cve(cve)
                  : advisory != null ? new Waiver.AdvisoryId(advisory) : new Waiver.Everything(),
              host != null
                  ? new Waiver.HostId(host)
                  : group != null ? new Waiver.Group(group) : new Waiver.Fleet(),
              justification,
              approver,
              created != null ? created : LocalDate.now(ZoneOffset.UTC),
              expires,
              vex);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    all.add(w);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, WaiverFile.toYaml(all), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    AuditLog log = new AuditLog(ComplianceRun.auditFile(file, audit));
    log.append(
        List.of(AuditLog.created(w, Instant.now(), "added with fleetpatch: " + justification)));
    spec.commandLine()
        .getOut()
        .println("added " + id + " (" + w.scope() + ", expires " + expires + ")");
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the exceptions and whether each is active, pending or expired.")
  int list(
      @Option(names = "--exceptions", required = true, paramLabel = "FILE") Path file,
      @Option(names = "--as-of", paramLabel = "YYYY-MM-DD") LocalDate asOf)
      throws IOException {
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%-16s %-8s %-10s %-10s %-40s %s%n",
        "ID", "STATUS", "CREATED", "EXPIRES", "SCOPE", "APPROVER");
    for (Waiver w : WaiverFile.read(file)) {
      String status = w.activeOn(day) ? "active" : w.expiredOn(day) ? "expired" : "pending";
      out.printf(
          "%-16s %-8s %-10s %-10s %-40s %s%n",
          w.id(), status, w.created(), w.expires(), w.scope(), w.approver());
    }
    return 0;
  }

  @Command(
      name = "vex",
      mixinStandardHelpOptions = true,
      description =
          "Export the exceptions active on --as-of that name a CVE or an advisory as CycloneDX"
              + " 1.6 VEX (for the hosts a run waived, use 'comply … --vex FILE').")
  int vex(
      @Option(names = "--exceptions", required = true, paramLabel = "FILE") Path file,
      @Option(names = "--as-of", paramLabel = "YYYY-MM-DD") LocalDate asOf,
      @Option(
              names = {"-o", "--output"},
              paramLabel = "FILE",
              description = "Default: stdout.")
          Path output)
      throws IOException {
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    String json = VexExport.toJson(VexExport.of(WaiverFile.read(file), day));
    if (output == null) {
      spec.commandLine().getOut().print(json);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, json, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
