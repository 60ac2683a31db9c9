package io.fleetpatch.cli.bench;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.cli.scan.FeedFiles;
import io.fleetpatch.compliance.ComplianceEvaluator;
import io.fleetpatch.compliance.CompliancePolicy;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.KnownExploited;
import io.fleetpatch.compliance.SlaPolicy;
import io.fleetpatch.compliance.VexStatement;
import io.fleetpatch.compliance.Waiver;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.lifecycle.Al2023Packages;
import io.fleetpatch.lifecycle.PackageSupport;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.FleetScanner;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetpatch bench comply}: what compliance adds to a scan, on the detection benchmark's
 * fleet ({@code fleetpatch bench scan}'s templates and variation, reused).
 */
@Command(
    name = "comply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header =
        "Benchmark: scan N synthetic hosts, then scan and judge them; print both and the ratio.",
    description = {
      "",
      "The fleet is 'fleetpatch bench scan''s: host i is template i mod T with each package moved"
          + " to another real EVR of its name.arch with probability --vary. Both passes match"
          + " with every advisory type (baselines approve bugfixes too) through a fresh"
          + " shape-sharing scanner; the second also judges every host: OS default baselines"
          + " (AWS-AmazonLinux2/2023DefaultPatchBaseline), a group exception, the default SLA"
          + " with the KEV list, OS lifecycle and, when given, the AL2023 support statements and"
          + " migration view; results are summed into the fleet roll-ups. The passes alternate"
          + " (scan, comply, scan, comply, ...) after a warm-up, and the best of --rounds is"
          + " taken for each.",
      "",
      "Prints both wall and process CPU times, hosts/s, and comply's cost as a share of the"
          + " scan's, three ways: best of rounds; paired blocks (the fleet in blocks of "
          + ComplyBenchCommand.BLOCK
          + " hosts, each scanned alone and scanned+judged back to back in alternating order, the"
          + " median ratio: the steadiest on a machine whose speed drifts); and the in-pass split"
          + " (each host's comply step against its scan step). The goal: compliance adds at most"
          + " 25 %% to a scan.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  FLEETPATCH_JAVA_OPTS='-XX:TieredStopAtLevel=4 -Xmx2g' ./fleetpatch bench comply \\",
      "    --hosts 100000 --templates fleets/al2-all fleets/al2023 \\",
      "    --advisories ../shared/data/amazon/updateinfo --as-of 2025-03-01"
    })
final class ComplyBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FleetOptions fleet;

  @Option(names = "--rounds", description = "Timed rounds of each pass (${DEFAULT-VALUE}).")
  int rounds = 2;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Judged on (${DEFAULT-VALUE}).")
  LocalDate asOf = LocalDate.parse("2025-03-01");

  @Option(names = "--kev", paramLabel = "FILE", description = "CISA KEV catalog for the SLA.")
  Path kev;

  @Option(names = "--support-info", paramLabel = "FILE", description = "AL2023 support_info.xml.")
  Path supportInfo;

  @Option(
      names = "--al2023-packages",
      paramLabel = "FILE",
      description = "AL2023 release notes for the AL2 migration view.")
  Path al2023Packages;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Advisory> all = new FeedFiles(fleet.advisories).load().advisories();
    AdvisoryIndex index = AdvisoryIndex.of(all);
    MatchOptions mo = new MatchOptions(EnumSet.allOf(AdvisoryType.class), true, true);
    Matcher matcher = new Matcher(index, mo);
    SyntheticFleet synthetic =
        new SyntheticFleet(FleetTemplate.read(fleet.templates), all, fleet.vary);
    Set<String> kevIds = new HashSet<>();
    if (kev != null) {
      new io.fleetpatch.advisory.enrich.KevParser()
          .read(kev)
          .entries()
          .forEach(e -> kevIds.add(e.cveId()));
    }
    Waiver groupWaiver =
        new Waiver(
            "BENCH-1",
            new Waiver.Everything(),
            new Waiver.Group(SyntheticFleet.FROZEN_GROUP),
            "benchmark exception",
            "bench",
            asOf.minusDays(30),
            asOf.plusDays(30),
            VexStatement.RISK_ACCEPTED);
    CompliancePolicy policy =
        CompliancePolicy.of(new PatchGroups(List.of(), List.of()), asOf)
            .withWaivers(List.of(groupWaiver))
            .withSla(SlaPolicy.DEFAULT, KnownExploited.of(kevIds))
            .withLifecycle(
                supportInfo == null ? PackageSupport.NONE : PackageSupport.read(supportInfo),
                al2023Packages == null ? null : Al2023Packages.read(al2023Packages));
    ForkJoinPool pool = new ForkJoinPool(fleet.threads);
    Pass last = null;
    double bestScan = Double.MAX_VALUE;
    double bestComply = Double.MAX_VALUE;
    double bestScanCpu = Double.MAX_VALUE;
    double bestComplyCpu = Double.MAX_VALUE;
    List<Double> splits = new ArrayList<>();
    double[] paired;
    try {
      Inventory[] hosts = synthetic.hosts(fleet.hosts, fleet.seed, pool);
      out.printf(
          Locale.ROOT,
          "advisories: %,d; templates: %d hosts; fleet: %,d hosts; %d threads; as of %s%n",
          all.size(),
          synthetic.templates().size(),
          hosts.length,
          fleet.threads,
          asOf);
      // warm-up (JIT), not timed
      Inventory[] warm = synthetic.hosts(Math.min(5_000, fleet.hosts), fleet.seed ^ 0x5eed, pool);
      pass(matcher, policy, warm, pool, false);
      pass(matcher, policy, warm, pool, true);
      for (int r = 0; r < rounds; r++) {
        System.gc();
        Pass s = pass(matcher, policy, hosts, pool, false);
        System.gc();
        Pass c = pass(matcher, policy, hosts, pool, true);
        double split = c.complyNanos / (double) c.scanNanos;
        splits.add(split);
        out.printf(
            Locale.ROOT,
            "round %d: scan %.2f s wall / %.2f s CPU, scan+comply %.2f s wall / %.2f s CPU; in"
                + " that pass the hosts' comply steps took %.1f %% of their scan steps (load"
                + " average %.1f)%n",
            r + 1,
            s.seconds,
            s.cpu,
            c.seconds,
            c.cpu,
            100 * split,
            ProcessClock.loadAverage());
        out.flush();
        bestScan = Math.min(bestScan, s.seconds);
        bestComply = Math.min(bestComply, c.seconds);
        bestScanCpu = Math.min(bestScanCpu, s.cpu);
        bestComplyCpu = Math.min(bestComplyCpu, c.cpu);
        last = c;
      }
      paired = paired(matcher, policy, hosts, pool);
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    int hosts = fleet.hosts;
    FleetSummary f = last.summary;
    out.printf(
        Locale.ROOT,
        "scan:        %.2f s wall = %,.0f hosts/s; %.2f s CPU = %,.0f hosts per CPU-second (%,d"
            + " findings)%n",
        bestScan,
        hosts / bestScan,
        bestScanCpu,
        hosts / bestScanCpu,
        last.findings);
    out.printf(
        Locale.ROOT,
        "scan+comply: %.2f s wall = %,.0f hosts/s; %.2f s CPU = %,.0f hosts per CPU-second (%,d"
            + " items; %,d compliant, %,d non-compliant hosts, %,d overdue items, %,d on an EOL OS,"
            + " %,d with EOL packages)%n",
        bestComply,
        hosts / bestComply,
        bestComplyCpu,
        hosts / bestComplyCpu,
        last.items,
        f.compliant(),
        f.nonCompliant(),
        f.overdue(),
        f.endOfLife(),
        f.packageEol());
    out.printf(
        Locale.ROOT,
        "ratio: scan+comply / scan = %.3f wall, %.3f CPU; comply adds %.1f %% (wall), %.1f %%"
            + " (CPU) to the scan (goal: at most 25 %%)%n",
        bestComply / bestScan,
        bestComplyCpu / bestScanCpu,
        100 * (bestComply - bestScan) / bestScan,
        100 * (bestComplyCpu - bestScanCpu) / bestScanCpu);
    out.printf(
        Locale.ROOT,
        "paired blocks: comply adds %.1f %% to the scan (median over %d blocks of %d hosts, each"
            + " scanned alone and scanned+judged back to back, in alternating order; quartiles"
            + " %.1f-%.1f %%)%n",
        100 * (paired[paired.length / 2] - 1),
        paired.length,
        BLOCK,
        100 * (paired[paired.length / 4] - 1),
        100 * (paired[paired.length * 3 / 4] - 1));
    Collections.sort(splits);
    out.printf(
        Locale.ROOT,
        "in-pass split: comply adds %.1f %% to the scan (median of %d passes; each host's scan and"
            + " comply steps timed back to back, so a slower machine moment slows both alike;"
            + " range %.1f-%.1f %%)%n",
        100 * splits.get(splits.size() / 2),
        splits.size(),
        100 * splits.get(0),
        100 * splits.get(splits.size() - 1));
    out.flush();
    return ExitCode.OK;
  }

  private static final class Pass {
    double seconds;
    double cpu;

    /** Summed over the threads: time in each host's scan step, and in its comply step. */
    long scanNanos;

    long complyNanos;

    long findings;
    long items;
    FleetSummary summary;
  }

  /** Hosts per block of the paired measurement. */
  static final int BLOCK = 500;

  /**
   * The fleet in blocks: each block scanned alone and scanned+judged back to back (alternating
   * which goes first, so that neither always finds the caches warm), one block per thread at a
   * time. The machine's speed drifts over seconds; a pair takes a fraction of one, so each ratio
   * compares like with like. Returns the blocks' ratios (scan+comply / scan), sorted; the first
   * block of each thread (cold caches) is left out.
   */
  private double[] paired(
      Matcher matcher, CompliancePolicy policy, Inventory[] hosts, ForkJoinPool pool)
      throws Exception {
    FleetScanner scanner = new FleetScanner(matcher, 1_000);
    ComplianceEvaluator evaluator = new ComplianceEvaluator(policy, matcher.index().advisories());
    int blocks = hosts.length / BLOCK;
    int threads = fleet.threads;
    double[][] byThread = new double[threads][];
    LongAdder sink = new LongAdder();
    pool.submit(
            () ->
                IntStream.range(0, threads)
                    .parallel()
                    .forEach(
                        t -> {
                          List<Double> ratios = new ArrayList<>();
                          FleetSummary.Builder b = new FleetSummary.Builder();
                          long seen = 0;
                          for (int k = t, n = 0; k < blocks; k += threads, n++) {
                            int from = k * BLOCK;
                            long scanAlone = 0;
                            long both = 0;
                            for (int pass = 0; pass < 2; pass++) {
                              boolean comply = (pass == 0) == (n % 2 == 1);
                              long n0 = System.nanoTime();
                              for (int i = from; i < from + BLOCK; i++) {
                                HostFindings h = scanner.scan(hosts[i]);
                                seen += h.counts().total();
                                if (comply) {
                                  HostCompliance hc = evaluator.evaluate(hosts[i], h);
                                  b.add(hc);
                                }
                              }
                              long took = System.nanoTime() - n0;
                              if (comply) {
                                both = took;
                              } else {
                                scanAlone = took;
                              }
                            }
                            if (n > 0) {
                              ratios.add(both / (double) scanAlone);
                            }
                          }
                          sink.add(seen + b.build().hosts());
                          byThread[t] = ratios.stream().mapToDouble(Double::doubleValue).toArray();
                        }))
        .get();
    if (sink.sum() == 0) {
      throw new IllegalStateException("paired blocks judged nothing");
    }
    return java.util.Arrays.stream(byThread)
        .flatMapToDouble(java.util.Arrays::stream)
        .sorted()
        .toArray();
  }

  private Pass pass(
      Matcher matcher,
      CompliancePolicy policy,
      Inventory[] hosts,
      ForkJoinPool pool,
      boolean comply)
      throws Exception {
    FleetScanner scanner = new FleetScanner(matcher, 1_000);
    ComplianceEvaluator evaluator =
        comply ? new ComplianceEvaluator(policy, matcher.index().advisories()) : null;
    LongAdder findings = new LongAdder();
    LongAdder items = new LongAdder();
    LongAdder scanTime = new LongAdder();
    LongAdder complyTime = new LongAdder();
    int chunks = Math.max(1, fleet.threads * 8);
    FleetSummary.Builder[] builders = new FleetSummary.Builder[chunks];
    long c0 = ProcessClock.cpuNanos();
    long t0 = System.nanoTime();
    pool.submit(
            () ->
                IntStream.range(0, chunks)
                    .parallel()
                    .forEach(
                        c -> {
                          FleetSummary.Builder b = new FleetSummary.Builder();
                          long f = 0;
                          long it = 0;
                          long scanNs = 0;
                          long complyNs = 0;
                          for (int i = c; i < hosts.length; i += chunks) {
                            long n0 = System.nanoTime();
                            HostFindings h = scanner.scan(hosts[i]);
                            f += h.findings().size();
                            long n1 = System.nanoTime();
                            scanNs += n1 - n0;
                            if (evaluator != null) {
                              HostCompliance hc = evaluator.evaluate(hosts[i], h);
                              it += hc.items().size();
                              b.add(hc);
                              complyNs += System.nanoTime() - n1;
                            }
                          }
                          findings.add(f);
                          items.add(it);
                          scanTime.add(scanNs);
                          complyTime.add(complyNs);
                          builders[c] = b;
                        }))
        .get();
    long t1 = System.nanoTime();
    long c1 = ProcessClock.cpuNanos();
    FleetSummary.Builder total = new FleetSummary.Builder();
    for (FleetSummary.Builder b : builders) {
      total.merge(b);
    }
    Pass p = new Pass();
    p.seconds = (t1 - t0) / 1e9;
    p.cpu = (c1 - c0) / 1e9;
    p.findings = findings.sum();
    p.items = items.sum();
    p.scanNanos = scanTime.sum();
    p.complyNanos = complyTime.sum();
    p.summary = total.build();
    return p;
  }
}
