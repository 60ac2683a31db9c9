package io.fleetpatch.cli.comply;

import io.fleetpatch.baseline.ComplianceLevel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code comply} and {@code report} share: what to judge, and by what. */
public final class ComplyOptions {
  @Parameters(
      arity = "0..*",
      paramLabel = "SOURCE",
      description =
          "Hosts: inventory JSON, 'rpm -qa' output, an rpmdb file or directory, a root"
              + " filesystem, a directory of *.json inventories, a fleetgen fleet directory, or a"
              + " *.fleet file (one SOURCE per line), as for 'fleetpatch scan'.")
  List<Path> sources = new ArrayList<>();

  @Option(
      names = "--advisories",
      paramLabel = "FILE|DIR",
      arity = "1..*",
      description =
          "updateinfo.xml[.gz|.xz|.zst|.bz2] files, or directories searched for them (the folder"
              + " name is the repo id). Default: the advisories imported into the store (--db).")
  List<Path> advisories = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "FILE|NAME",
      description =
          "A baseline file (AWS get-patch-baseline JSON, or YAML of the same shape;"
              + " docs/baseline.md), a name stored with 'fleetpatch baselines import' (in --db),"
              + " or a predefined name (AWS-AmazonLinux2DefaultPatchBaseline,"
              + " AWS-AmazonLinux2023DefaultPatchBaseline, fleetpatch-AllSecurityNoDelay, ...)."
              + " Repeatable; a baseline's PatchGroups pick the hosts tagged 'Patch Group' or"
              + " 'PatchGroup'. Default: AWS's predefined baseline for each host's OS.")
  List<String> baselines = new ArrayList<>();

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description =
          "Exceptions (YAML or JSON; docs/compliance-v1.md): time-boxed waivers by CVE,"
              + " advisory, host or group. Expired ones stop applying by themselves.")
  Path exceptions;

  @Option(
      names = "--audit",
      paramLabel = "FILE",
      description =
          "The exceptions audit log (JSON Lines, append-only; default: the exceptions file +"
              + " .audit.jsonl). Each run records unseen creations and new expiries.")
  Path audit;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "The day to judge on (default: today, UTC).")
  LocalDate asOf;

  @Option(
      names = "--threshold",
      paramLabel = "LEVEL",
      description =
          "Only items at or above this compliance level make a host non-compliant: CRITICAL,"
              + " HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED (default: ${DEFAULT-VALUE}, every"
              + " item counts, as in SSM).")
  ComplianceLevel threshold = ComplianceLevel.UNSPECIFIED;

  @Option(
      names = "--sla",
      paramLabel = "KEY=DAYS",
      split = ",",
      description =
          "SLA days: critical=7,important=30,medium=90,low=180,kev=14 (the defaults; kev applies"
              + " to advisories fixing a CVE in CISA's KEV catalog and never lengthens a"
              + " deadline).")
  Map<String, Integer> sla = new LinkedHashMap<>();

  @Option(
      names = "--sla-clock",
      paramLabel = "CLOCK",
      description =
          "Where SLA deadlines start: 'issued' (default: the advisory's issued date, else its"
              + " updated date) or 'first-seen' (the day the finding was first recorded open on the"
              + " host, from the finding history in the store, --db; see --record). With"
              + " first-seen, an item with no open history falls back to its issued date; JSON"
              + " items say which clock they used (\"clock\": \"first-seen\"|\"issued\") and"
              + " where it started (\"clockStart\").")
  String slaClock = "issued";

  @Option(
      names = "--record",
      description =
          "Record this run's open findings (detected MISSING or pending reboot, approved or not)"
              + " in the finding history of the store (--db, default the embedded SQLite store) as"
              + " seen on --as-of: a finding not open before is first seen that day, one no longer"
              + " open closes (seen open again later, it starts a fresh clock). One transaction"
              + " per run; hosts not judged are left alone, and so are hosts whose history holds"
              + " a later day. Recording the same day twice changes nothing. With --sla-clock"
              + " first-seen the run is judged as the history stands after recording.")
  boolean record;

  @Option(
      names = "--install-results",
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "Install outcomes (JSON Lines, schema fleetpatch.install-result/v1,"
              + " docs/compliance-v1.md): {\"schema\":…,\"host\":…,\"advisory\":…,"
              + "\"outcome\":\"failed\"|\"installed\",\"time\":\"2024-03-01T10:00:00Z\"},"
              + " as a patch run (SSM Run Command output converted, Ansible) writes them. The"
              + " newest record per host and advisory up to the end of --as-of wins; an approved"
              + " advisory still missing whose newest record is 'failed' is FAILED, not MISSING."
              + " Repeatable.")
  List<Path> installResults = new ArrayList<>();

  @Option(
      names = "--kev",
      paramLabel = "FILE",
      description =
          "CISA's KEV catalog (known_exploited_vulnerabilities.json or .csv): advisories fixing a"
              + " listed CVE get the kev SLA deadline.")
  Path kev;

  @Option(
      names = "--support-info",
      paramLabel = "FILE",
      description = "AL2023 support_info.xml: flag installed packages past their end of support.")
  Path supportInfo;

  @Option(
      names = "--al2023-packages",
      paramLabel = "FILE",
      description =
          "AL2023 release notes (Release-Notes-Amazon-Linux-2023.*.md): show, for AL2 hosts,"
              + " which installed packages AL2023 ships.")
  Path al2023Packages;

  @Option(
      names = "--no-scope",
      description = "Apply every advisory repo to every host (no repo or stream scoping).")
  boolean noScope;

  /** Whether the run's open findings are recorded in the finding history ({@code --record}). */
  public boolean record() {
    return record;
  }

  /** The {@code --advisories} files and directories (empty: the store's advisories). */
  public List<Path> advisoryFiles() {
    return advisories;
  }
}
