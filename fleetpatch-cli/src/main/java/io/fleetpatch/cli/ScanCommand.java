package io.fleetpatch.cli;

import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.cli.scan.AdvisorySupplier;
import io.fleetpatch.cli.scan.FleetSources;
import io.fleetpatch.cli.scan.HostRepoSelection;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.cli.scan.ScanTable;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.CveEnrichment;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.FleetScanner;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.match.ScanJson;
import io.fleetpatch.problem.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch scan SOURCE… --advisories FILE|DIR…}: findings per host. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Which advisories and CVEs affect each host, exactly as dnf decides, and more.",
    description = {
      "",
      "Matches each host's installed packages against the advisories. A finding is MISSING"
          + " exactly when real dnf's 'updateinfo list --security' would list it for that host:"
          + " same package name AND arch, the fix newer than the newest installed build of that"
          + " name.arch (installonly kernels: the newest kernel), rpm's version order (epoch, ~,"
          + " ^). Advisories apply only when their repo is one the host uses (the inventory's"
          + " repos, else inferred from the installed kernel stream, extras topics and live"
          + " patches; the inference is written into the evidence).",
      "",
      "Beyond dnf: INSTALLED (some installed build is at or above the fix), "
          + "INSTALLED_PENDING_REBOOT (the kernel fix is installed but the running kernel is"
          + " older), MITIGATED_BY_LIVEPATCH (a live patch for the running kernel covers every"
          + " CVE of a missing kernel fix) and NOT_APPLICABLE (other arch only, or another"
          + " repo's advisory). Each finding carries its evidence: installed and fixed builds,"
          + " the rule that decided, the repo.",
      "",
      "SOURCE: an inventory JSON, 'rpm -qa' output, an rpmdb file or directory, a root"
          + " filesystem, a directory of *.json inventories, a fleetgen fleet directory, or a"
          + " fleet file (*.fleet: one SOURCE per line). Hosts with identical packages, repos and"
          + " kernel are evaluated once.",
      ""
    },
    footer = {
      "",
      "Output: --format table (default; MISSING, pending-reboot and mitigated findings), csv,"
          + " or json (schema fleetpatch.scan/v1, docs/scan-v1.md). --all-states adds INSTALLED"
          + " and NOT_APPLICABLE. Exit code 1 when --fail-on is given and some host has a MISSING"
          + " or INSTALLED_PENDING_REBOOT finding of at least that severity.",
      "",
      "",
      "Examples:",
      "  fleetpatch scan host.json --advisories shared/data/amazon/updateinfo",
      "  fleetpatch scan fleet/ --advisories updateinfo/ --format json > scan.json",
      "  fleetpatch scan prod.fleet --advisories updateinfo/ --fail-on Important"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Hosts to scan (see above).")
  List<Path> sources;

  @Option(
      names = "--advisories",
      paramLabel = "FILE|DIR",
      arity = "1..*",
      description =
          "updateinfo.xml[.gz|.xz|.zst|.bz2] files, or directories searched for them; a file's"
              + " repo id is its folder name (REPO/updateinfo.xml.gz, REPO/repodata/...). Default:"
              + " the advisories imported into the store (--db).")
  List<Path> advisories = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.table;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Exit 1 when a MISSING or INSTALLED_PENDING_REBOOT finding is at least this severe:"
              + " Critical, Important, Medium (= Moderate), Low.")
  String failOn;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      split = ",",
      description =
          "Advisory types: security (default, like dnf --security), bugfix, enhancement,"
              + " newpackage, or all.")
  List<String> types = List.of("security");

  @Option(names = "--all-states", description = "Also show INSTALLED and NOT_APPLICABLE findings.")
  boolean allStates;

  @Option(
      names = "--no-scope",
      description = "Apply every advisory repo to every host (no repo or stream scoping).")
  boolean noScope;

  /** Fleets up to this size are read before the advisories (to skip other releases' feeds). */
  static final int EARLY_READ = 2_000;

  /** KEV/EPSS lookup; the store provides one later. */
  CveEnrichment enrichment = CveEnrichment.NONE;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Severity threshold = failOn == null ? null : severity(failOn);
    MatchOptions options = new MatchOptions(types(), !noScope, allStates);
    List<Path> hosts = FleetSources.expand(sources);
    InventorySources reader = InventorySources.standard();
    // a small fleet is read first, so that only its releases' feed files are parsed, or only the
    // store's repos it can use are read
    List<Inventory> early =
        hosts.size() <= EARLY_READ ? hosts.parallelStream().map(reader::read).toList() : null;
    java.util.Set<String> releases = null;
    if (early != null && early.stream().allMatch(i -> !i.os().versionId().isEmpty())) {
      releases = new java.util.HashSet<>();
      for (Inventory i : early) {
        // os-release VERSION_ID: 2 and 2023 name the Amazon Linux releases, 2018.03 is AL1
        releases.add(i.os().versionId().equals("2018.03") ? "1" : i.os().versionId());
      }
    }
    AdvisorySupplier.Loaded loaded =
        StoreAdvisories.choose(
                advisories,
                releases,
                early == null ? null : HostRepoSelection.of(early, options).orElse(null),
                global,
                spec.commandLine())
            .load();
    if (!global.quiet()) {
      for (Problem w : loaded.warnings()) {
        err.println("fleetpatch: warning: " + w);
      }
    }
    FleetScanner scanner =
        new FleetScanner(new Matcher(AdvisoryIndex.of(loaded.advisories()), options));
    Set<FindingState> shown =
        allStates
            ? EnumSet.allOf(FindingState.class)
            : EnumSet.of(
                FindingState.MISSING,
                FindingState.INSTALLED_PENDING_REBOOT,
                FindingState.MITIGATED_BY_LIVEPATCH);
    ProgressBar bar = new ProgressBar(err, global.progress(), "hosts", hosts.size());
    AtomicLong done = new AtomicLong();
    Map<FindingState, Long> counts = ScanTable.newCounts();
    boolean failed = false;
    ScanJson json = null;
    switch (format) {
      case json -> json = new ScanJson(out, loaded.dataVersion(), shown, enrichment);
      case csv -> ScanTable.csvHeader(out);
      case table -> ScanTable.header(out);
    }
    int chunk = 256;
    for (int from = 0; from < hosts.size(); from += chunk) {
      int start = from;
      int end = Math.min(hosts.size(), from + chunk);
      List<HostFindings> results =
          IntStream.range(start, end)
              .parallel()
              .mapToObj(
                  i -> {
                    Inventory inv = early != null ? early.get(i) : reader.read(hosts.get(i));
                    HostFindings h = scanner.scan(inv);
                    bar.update(done.incrementAndGet());
                    return h;
                  })
              .toList();
      for (HostFindings h : results) {
        ScanTable.count(h, counts);
        failed |= threshold != null && fails(h, threshold);
        switch (format) {
          case json -> json.host(h);
          case csv -> ScanTable.csv(out, h, shown);
          case table -> ScanTable.table(out, h, shown);
        }
      }
    }
    bar.done();
    if (json != null) {
      json.close();
    } else if (format == OutputFormat.table) {
      out.println();
      out.println(ScanTable.summary(hosts.size(), counts));
    }
    if (!global.quiet()) {
      err.println(
          "fleetpatch: scanned "
              + hosts.size()
              + " hosts ("
              + scanner.shapesEvaluated()
              + " distinct) against "
              + loaded.advisories().size()
              + " advisories, data "
              + loaded.dataVersion());
    }
    out.flush();
    return failed ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private static boolean fails(HostFindings h, Severity threshold) {
    for (Finding f : h.findings()) {
      if (f.state().exposed() && f.severity().atLeast(threshold)) {
        return true;
      }
    }
    return false;
  }

  private Set<AdvisoryType> types() {
    EnumSet<AdvisoryType> out = EnumSet.noneOf(AdvisoryType.class);
    for (String t : types) {
      if (t.equalsIgnoreCase("all")) {
        return EnumSet.allOf(AdvisoryType.class);
      }
      try {
        out.add(AdvisoryType.parse(t));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return out;
  }

  private Severity severity(String s) {
    Severity sev = Severity.normalise(s);
    if (sev == Severity.UNKNOWN || sev == Severity.NONE) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--fail-on must be Critical, Important, Medium (Moderate) or Low, not '" + s + "'");
    }
    return sev;
  }
}
