package io.fleetpatch.cli.bench;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.cli.scan.FeedFiles;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.FindingCounts;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.FleetScanner;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetpatch bench scan}: scans a large synthetic fleet derived from real host package sets
 * and times real dnf on a sample in the same run.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Benchmark: scan N synthetic hosts against all advisories; real dnf beside it.",
    description = {
      "",
      "Hosts are derived from template inventories (fleetgen hosts: real base images, real"
          + " advisory versions): host i takes template i mod T, and each of its packages is, with"
          + " probability --vary, moved to another real EVR of the same name.arch (one installed"
          + " on some template or fixed by some advisory). The fleet is generated in memory first"
          + " (timed apart, like reading inventories from a store); then every host is matched in"
          + " full (findings with evidence, every state), in parallel on --threads threads.",
      "",
      "Prints: advisory load and index time, fleet generation time, scan wall time, hosts/s,"
          + " package rows/s, findings,"
          + " peak heap (sum of the heap pools' peaks) and GC time; and, with --dnf-sample N,"
          + " real dnf's wall time per 'updateinfo list --security' query on N template hosts"
          + " built with the oracle's mkhost, and the throughput ratio. Run it with the C2"
          + " compiler, e.g. FLEETPATCH_JAVA_OPTS='-XX:TieredStopAtLevel=4 -Xmx2g'.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  FLEETPATCH_JAVA_OPTS='-XX:TieredStopAtLevel=4 -Xmx2g' ./fleetpatch bench scan \\",
      "    --hosts 100000 --templates fleets/al2-all fleets/al2023 \\",
      "    --advisories ../shared/data/amazon/updateinfo --dnf-sample 3"
    })
final class ScanBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FleetOptions fleet;

  @Option(
      names = "--rounds",
      description =
          "Timed passes over the fleet, each with a new index and matcher (cold caches); the"
              + " fastest is reported (${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(
      names = "--dnf-sample",
      description = "Template hosts to build with mkhost and ask real dnf about (0 = none).")
  int dnfSample = 0;

  @Mixin OracleOptions dnfHosts;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    List<Advisory> all = new FeedFiles(fleet.advisories).load().advisories();
    long t1 = System.nanoTime();
    AdvisoryIndex index = AdvisoryIndex.of(all);
    long t2 = System.nanoTime();
    Matcher matcher = new Matcher(index, MatchOptions.DEFAULTS);
    SyntheticFleet synthetic =
        new SyntheticFleet(FleetTemplate.read(fleet.templates), all, fleet.vary);
    long rows = all.stream().mapToLong(a -> a.packages().size()).sum();
    out.printf(
        Locale.ROOT,
        "advisories: %,d (%,d fixed-package rows, %d repos) loaded in %.2f s, indexed in %.2f s%n",
        all.size(),
        rows,
        index.repos().size(),
        sec(t1 - t0),
        sec(t2 - t1));
    ForkJoinPool pool = new ForkJoinPool(fleet.threads);
    try {
      long g0 = System.nanoTime();
      Inventory[] hosts = synthetic.hosts(fleet.hosts, fleet.seed, pool);
      long g1 = System.nanoTime();
      out.printf(
          Locale.ROOT,
          "fleet: %,d hosts from %d templates in %s (%,d distinct name.arch, %,d candidate"
              + " EVRs), generated in %.2f s%n",
          hosts.length,
          synthetic.templates().size(),
          fleet.templates,
          synthetic.nameArches(),
          synthetic.candidates(),
          sec(g1 - g0));
      out.flush();
      // warm-up (JIT) on other hosts with a throwaway index and matcher, not timed; then forget
      // the heap peaks
      run(
          new Matcher(AdvisoryIndex.of(all), MatchOptions.DEFAULTS),
          synthetic.hosts(Math.min(20_000, fleet.hosts), fleet.seed ^ 0x5eed, pool),
          pool);
      System.gc();
      ProcessClock.resetPeaks();
      Counts r = null;
      double wall = Double.MAX_VALUE;
      double cpu = 0;
      long gc = 0;
      for (int round = 1; round <= rounds; round++) {
        if (round > 1) {
          // every round starts cold: a new index and matcher, no verdicts kept from the last
          index = AdvisoryIndex.of(all);
          matcher = new Matcher(index, MatchOptions.DEFAULTS);
          System.gc();
        }
        long gc0 = ProcessClock.gcMillis();
        long cpu0 = ProcessClock.cpuNanos();
        long s0 = System.nanoTime();
        Counts k = run(matcher, hosts, pool);
        double w = sec(System.nanoTime() - s0);
        double c = sec(ProcessClock.cpuNanos() - cpu0);
        long g = ProcessClock.gcMillis() - gc0;
        out.printf(
            Locale.ROOT,
            "round %d: %.2f s wall, %.2f s CPU, GC %,d ms (load average %.1f)%n",
            round,
            w,
            c,
            g,
            ProcessClock.loadAverage());
        out.flush();
        if (w < wall) {
          wall = w;
          cpu = c;
          gc = g;
          r = k;
        }
      }
      double hostsPerSec = hosts.length / wall;
      out.printf(
          Locale.ROOT,
          "scan (fastest round): %,d hosts (%,d distinct evaluated) on %d threads in %.2f s ="
              + " %,.0f hosts/s;"
              + " %,d installed packages (%,.0f/s)%n",
          hosts.length,
          r.evaluated,
          fleet.threads,
          wall,
          hostsPerSec,
          r.packages,
          r.packages / wall);
      out.printf(
          Locale.ROOT,
          "cpu: %.1f s process CPU time = %.1f us per host = %,.0f hosts per CPU-second (load"
              + " average %.1f on %d cores)%n",
          cpu,
          1e6 * cpu / hosts.length,
          hosts.length / cpu,
          ProcessClock.loadAverage(),
          Runtime.getRuntime().availableProcessors());
      out.printf(
          Locale.ROOT,
          "findings: %,d advisory findings (%,d MISSING, %,d INSTALLED, %,d pending reboot, %,d"
              + " mitigated, %,d not applicable); %,d MISSING package rows%n",
          r.findings,
          r.byState[FindingState.MISSING.ordinal()],
          r.byState[FindingState.INSTALLED.ordinal()],
          r.byState[FindingState.INSTALLED_PENDING_REBOOT.ordinal()],
          r.byState[FindingState.MITIGATED_BY_LIVEPATCH.ordinal()],
          r.byState[FindingState.NOT_APPLICABLE.ordinal()],
          r.missingRows);
      out.printf(
          Locale.ROOT,
          "heap: peak %,d MB (max %,d MB; the fleet's inventories included); GC %,d ms%n",
          ProcessClock.heapPeakBytes() >> 20,
          Runtime.getRuntime().maxMemory() >> 20,
          gc);
      if (dnfSample > 0) {
        double dnfPerHost =
            new DnfSample(dnfHosts.oracle(spec), dnfHosts.work, out, err)
                .run(synthetic.templates(), dnfSample, matcher);
        if (dnfPerHost > 0) {
          double dnfHostsPerSec = 1 / dnfPerHost;
          out.printf(
              Locale.ROOT,
              "ratio: fleetpatch %,.0f hosts/s vs dnf %.2f hosts/s (%.3f s per query) = %,.0fx%n",
              hostsPerSec,
              dnfHostsPerSec,
              dnfPerHost,
              hostsPerSec / dnfHostsPerSec);
        }
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static final FindingState[] STATES = FindingState.values();

  /** What a scan found, summed over the fleet (each chunk counts alone, then they are added). */
  static final class Counts {
    long evaluated;
    long packages;
    long findings;
    long missingRows;
    final long[] byState = new long[FindingState.values().length];

    void add(Counts o) {
      packages += o.packages;
      findings += o.findings;
      missingRows += o.missingRows;
      for (int s = 0; s < byState.length; s++) {
        byState[s] += o.byState[s];
      }
    }
  }

  private Counts run(Matcher matcher, Inventory[] hosts, ForkJoinPool pool) throws Exception {
    FleetScanner scanner = new FleetScanner(matcher, 1_000);
    ProgressBar bar =
        new ProgressBar(spec.commandLine().getErr(), global.progress(), "hosts", hosts.length);
    AtomicLong done = new AtomicLong();
    int chunks = Math.max(1, fleet.threads * 8);
    Counts[] parts = new Counts[chunks];
    pool.submit(
            () ->
                IntStream.range(0, chunks)
                    .parallel()
                    .forEach(
                        c -> {
                          Counts k = new Counts();
                          for (int i = c; i < hosts.length; i += chunks) {
                            HostFindings h = scanner.scan(hosts[i]);
                            k.packages += hosts[i].packages().size();
                            FindingCounts n = h.counts();
                            k.findings += n.total();
                            for (FindingState st : STATES) {
                              k.byState[st.ordinal()] += n.get(st);
                            }
                            k.missingRows += n.missingRows();
                            if ((i & 1023) == c) {
                              bar.update(done.addAndGet(1024));
                            }
                          }
                          parts[c] = k;
                        }))
        .get();
    bar.done();
    Counts total = new Counts();
    for (Counts k : parts) {
      total.add(k);
    }
    total.evaluated = scanner.shapesEvaluated();
    return total;
  }

  static double sec(long nanos) {
    return nanos / 1e9;
  }
}
