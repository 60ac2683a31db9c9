package io.fleetpatch.cli.comply;

import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.enrich.KevCatalog;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.enrich.KevParser;
import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.cli.BaselineResolver;
import io.fleetpatch.cli.scan.AdvisorySupplier;
import io.fleetpatch.cli.scan.FleetSources;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.compliance.AuditLog;
import io.fleetpatch.compliance.AuditRecord;
import io.fleetpatch.compliance.ComplianceEvaluator;
import io.fleetpatch.compliance.CompliancePolicy;
import io.fleetpatch.compliance.FirstSeen;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.InstallOutcomes;
import io.fleetpatch.compliance.InstallResults;
import io.fleetpatch.compliance.KnownExploited;
import io.fleetpatch.compliance.SlaPolicy;
import io.fleetpatch.compliance.Waiver;
import io.fleetpatch.compliance.WaiverFile;
import io.fleetpatch.compliance.history.OpenFindings;
import io.fleetpatch.compliance.history.RecordPlan;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.lifecycle.Al2023Packages;
import io.fleetpatch.lifecycle.PackageSupport;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.FleetScanner;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One compliance run, wired from {@link ComplyOptions}: reads the baselines, exceptions (recording
 * audit entries), SLA and lifecycle data, loads the advisories and scans the hosts the way {@code
 * fleetpatch scan} does (its source expansion, feed loading and shape-sharing scanner), with every
 * advisory type because baselines approve bugfixes too, and judges each host.
 */
public final class ComplianceRun {
  private final List<Path> hosts;
  private final AdvisorySupplier.Loaded loaded;
  private final FleetScanner scanner;
  private final ComplianceEvaluator evaluator;
  private final List<Waiver> waivers;
  private final String baselineLabel;
  private final Supplier<Database> store;

  /** With --record: each judged host's open advisories, else null. */
  private final Map<String, Set<String>> observed;

  private ComplianceRun(
      List<Path> hosts,
      AdvisorySupplier.Loaded loaded,
      FleetScanner scanner,
      ComplianceEvaluator evaluator,
      List<Waiver> waivers,
      String baselineLabel,
      Supplier<Database> store,
      boolean record) {
    this.hosts = hosts;
    this.loaded = loaded;
    this.scanner = scanner;
    this.evaluator = evaluator;
    this.waivers = waivers;
    this.baselineLabel = baselineLabel;
    this.store = store;
    this.observed = record ? new ConcurrentHashMap<>() : null;
  }

  /**
   * Reads everything the options name; warnings and audit notes go to {@code err}.
   *
   * @param store opens the store (--db) that holds the finding history; opened only for --sla-clock
   *     first-seen and --record
   */
  public static ComplianceRun prepare(
      ComplyOptions o,
      AdvisorySupplier advisories,
      Supplier<Database> store,
      CommandSpec spec,
      PrintWriter err,
      boolean quiet)
      throws IOException {
    if (o.sources.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one SOURCE (hosts to judge)");
    }
    LocalDate asOf = o.asOf != null ? o.asOf : LocalDate.now(ZoneOffset.UTC);
    // options, input files and the store first: a mistake there writes no audit entries
    SlaPolicy.Clock clock;
    try {
      clock = SlaPolicy.Clock.parse(o.slaClock);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--sla-clock: " + e.getMessage());
    }
    InstallOutcomes outcomes = InstallOutcomes.NONE;
    if (!o.installResults.isEmpty()) {
      InstallResults results = InstallResults.read(o.installResults);
      outcomes = results.asOf(asOf);
      if (!quiet) {
        err.printf(
            "fleetpatch: install results: %d host/advisory outcomes from %d file(s)%n",
            results.size(), o.installResults.size());
      }
    }
    FirstSeen firstSeen = FirstSeen.UNKNOWN;
    if (clock == SlaPolicy.Clock.FIRST_SEEN || o.record) {
      // opened before the scan, so a bad --db fails at once rather than after it
      try (Database db = store.get()) {
        if (clock == SlaPolicy.Clock.FIRST_SEEN) {
          OpenFindings history = db.findingHistory().openFindings();
          firstSeen = o.record ? history.afterRecording(asOf) : history.asOf(asOf);
          if (!quiet) {
            err.printf(
                "fleetpatch: SLA clock first-seen: %d open findings on %d hosts in the history"
                    + " of %s%n",
                history.size(), history.hostCount(), db.target());
          }
        }
      }
    }
    List<Baseline> baselines = new ArrayList<>();
    for (String b : o.baselines) {
      baselines.add(baseline(b, spec));
    }
    List<Baseline> defaults = baselines.stream().filter(b -> b.patchGroups().isEmpty()).toList();
    PatchGroups groups = new PatchGroups(baselines, defaults);
    List<Waiver> waivers = List.of();
    if (o.exceptions != null) {
      waivers = WaiverFile.read(o.exceptions);
      AuditLog log = new AuditLog(auditFile(o.exceptions, o.audit));
      List<AuditRecord> added =
          log.reconcile(waivers, asOf, Instant.now(), o.exceptions.toString());
      if (!quiet) {
        for (AuditRecord r : added) {
          err.println(
              "fleetpatch: audit: exception "
                  + r.exception()
                  + " "
                  + r.action().name().toLowerCase(Locale.ROOT)
                  + " ("
                  + r.effective()
                  + ") recorded in "
                  + log.file());
        }
      }
    }
    CompliancePolicy policy =
        CompliancePolicy.of(groups, asOf)
            .withWaivers(waivers)
            .withSla(sla(o.sla, spec).withClock(clock), kev(o.kev, err, quiet))
            .withHistory(firstSeen, outcomes)
            .withThreshold(o.threshold)
            .withLifecycle(
                o.supportInfo == null ? PackageSupport.NONE : PackageSupport.read(o.supportInfo),
                o.al2023Packages == null ? null : Al2023Packages.read(o.al2023Packages));
    List<Path> hosts = FleetSources.expand(o.sources);
    AdvisorySupplier.Loaded loaded = advisories.load();
    if (!quiet) {
      for (Problem w : loaded.warnings()) {
        err.println("fleetpatch: warning: " + w);
      }
    }
    MatchOptions mo = new MatchOptions(EnumSet.allOf(AdvisoryType.class), !o.noScope, true);
    AdvisoryIndex index = AdvisoryIndex.of(loaded.advisories());
    FleetScanner scanner = new FleetScanner(new Matcher(index, mo));
    String label =
        baselines.isEmpty()
            ? "OS defaults"
            : String.join(", ", baselines.stream().map(Baseline::name).toList());
    return new ComplianceRun(
        hosts,
        loaded,
        scanner,
        new ComplianceEvaluator(policy, index.advisories()),
        waivers,
        label,
        store,
        o.record);
  }

  static KnownExploited kev(Path file, PrintWriter err, boolean quiet) {
    if (file == null) {
      return KnownExploited.NONE;
    }
    KevCatalog catalog = new KevParser().read(file);
    if (!quiet) {
      for (Problem w : catalog.warnings()) {
        err.println("fleetpatch: warning: " + w);
      }
    }
    Set<String> cves = new HashSet<>();
    for (KevEntry e : catalog.entries()) {
      cves.add(e.cveId());
    }
    return KnownExploited.of(cves);
  }

  /** The default audit log beside the exceptions file. */
  public static Path auditFile(Path exceptions, Path audit) {
    return audit != null
        ? audit
        : exceptions.resolveSibling(exceptions.getFileName() + ".audit.jsonl");
  }

  static Baseline baseline(String arg, CommandSpec spec) throws IOException {
    return BaselineResolver.resolve(arg, spec);
  }

  static SlaPolicy sla(Map<String, Integer> spec, CommandSpec cs) {
    SlaPolicy p = SlaPolicy.DEFAULT;
    for (Map.Entry<String, Integer> e : spec.entrySet()) {
      String k = e.getKey().strip().toLowerCase(Locale.ROOT);
      int d = e.getValue();
      if (d < 0) {
        throw new CommandLine.ParameterException(cs.commandLine(), "--sla " + k + " is negative");
      }
      if (k.equals("kev")) {
        p = p.withKevDays(d);
        continue;
      }
      Severity s = Severity.normalise(k);
      if (s == Severity.UNKNOWN || s == Severity.NONE) {
        throw new CommandLine.ParameterException(
            cs.commandLine(),
            "--sla takes critical, important, medium, low or kev, not '" + e.getKey() + "'");
      }
      p = p.withDays(s, d);
    }
    return p;
  }

  public CompliancePolicy policy() {
    return evaluator.policy();
  }

  public List<Waiver> waivers() {
    return waivers;
  }

  public String dataVersion() {
    return loaded.dataVersion();
  }

  public String baselineLabel() {
    return baselineLabel;
  }

  public int hostCount() {
    return hosts.size();
  }

  public int advisoryCount() {
    return loaded.advisories().size();
  }

  public long shapesEvaluated() {
    return scanner.shapesEvaluated();
  }

  /**
   * Scans and judges every host, in parallel chunks, handing results to {@code sink} in input
   * order; returns the fleet roll-ups.
   */
  public FleetSummary run(Consumer<HostCompliance> sink, ProgressBar bar) {
    InventorySources reader = InventorySources.standard();
    AtomicLong done = new AtomicLong();
    FleetSummary.Builder summary = new FleetSummary.Builder();
    int chunk = 256;
    for (int from = 0; from < hosts.size(); from += chunk) {
      int end = Math.min(hosts.size(), from + chunk);
      List<HostCompliance> results =
          IntStream.range(from, end)
              .parallel()
              .mapToObj(
                  i -> {
                    Inventory inv = reader.read(hosts.get(i));
                    HostFindings f = scanner.scan(inv);
                    HostCompliance h = evaluator.evaluate(inv, f);
                    if (observed != null) {
                      observe(f);
                    }
                    bar.update(done.incrementAndGet());
                    return h;
                  })
              .toList();
      for (HostCompliance h : results) {
        summary.add(h);
        sink.accept(h);
      }
    }
    bar.done();
    return summary.build();
  }

  /**
   * A host's open findings for the history: detected MISSING (FAILED included) or pending reboot,
   * whether the baseline approves them yet or not. Two inventories with one host id add up.
   */
  private void observe(HostFindings f) {
    Set<String> open = new HashSet<>();
    for (Finding x : f.findings()) {
      if (x.state() == FindingState.MISSING || x.state() == FindingState.INSTALLED_PENDING_REBOOT) {
        open.add(x.advisoryId());
      }
    }
    observed.merge(
        f.hostId(),
        open,
        (a, b) -> {
          Set<String> u = new HashSet<>(a);
          u.addAll(b);
          return u;
        });
  }

  /**
   * With --record, writes the run's open findings to the finding history (after {@link #run}), in
   * one transaction, and logs what changed; null without --record.
   */
  public RecordPlan record(PrintWriter err, boolean quiet) {
    if (observed == null) {
      return null;
    }
    long t0 = System.nanoTime();
    try (Database db = store.get()) {
      RecordPlan plan = db.findingHistory().record(policy().asOf(), observed);
      if (!quiet) {
        err.printf(
            "fleetpatch: finding history: %s, in %d ms (%s)%n",
            plan.summary(), (System.nanoTime() - t0) / 1_000_000, db.target());
      }
      return plan;
    }
  }
}
