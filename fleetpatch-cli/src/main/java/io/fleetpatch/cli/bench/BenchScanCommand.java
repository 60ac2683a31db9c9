package io.fleetpatch.cli.bench;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.cli.scan.FeedFiles;
import io.fleetpatch.cli.scan.ProgressBar;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.FleetScanner;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.MatchOptions;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.match.PackageEvidence;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
          + " on some template or fixed by some advisory). Every host is matched in full"
          + " (findings with evidence, every state), in parallel on --threads threads.",
      "",
      "Prints: advisory load and index time, scan wall time, hosts/s, package rows/s, findings,"
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
final class BenchScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(names = "--hosts", description = "Synthetic hosts (default: ${DEFAULT-VALUE}).")
  int hosts = 100_000;

  @Option(
      names = "--templates",
      arity = "1..*",
      required = true,
      paramLabel = "DIR",
      description = "fleetgen fleet directories (hosts/*.inventory.json) used as templates.")
  List<Path> templates;

  @Option(
      names = "--advisories",
      arity = "1..*",
      required = true,
      paramLabel = "FILE|DIR",
      description = "updateinfo files or directories (all Amazon Linux repos for the figures).")
  List<Path> advisories;

  @Option(
      names = "--vary",
      description = "Per package probability of another EVR (${DEFAULT-VALUE}).")
  double vary = 0.3;

  @Option(names = "--seed", description = "Random seed (${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--threads", description = "Worker threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--dnf-sample",
      description = "Template hosts to build with mkhost and ask real dnf about (0 = none).")
  int dnfSample = 0;

  @Option(
      names = "--oracle",
      paramLabel = "DIR",
      description = "The oracle folder (default: ../shared/oracle beside the checkout).")
  Path oracle;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Scratch for the dnf sample (default: target/bench-work).")
  Path work = Path.of("target", "bench-work");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    List<Advisory> all = new FeedFiles(advisories).load().advisories();
    long t1 = System.nanoTime();
    AdvisoryIndex index = AdvisoryIndex.of(all);
    long t2 = System.nanoTime();
    Matcher matcher = new Matcher(index, MatchOptions.DEFAULTS);
    List<Template> tpl = new ArrayList<>();
    for (Path dir : templates) {
      for (Path f : inventoryFiles(dir)) {
        tpl.add(new Template(dir, InventoryJson.read(f)));
      }
    }
    Pools pools = new Pools(tpl, all, vary);
    pools.prepare(tpl);
    long rows = pools.fixedRows;
    out.printf(
        Locale.ROOT,
        "advisories: %,d (%,d fixed-package rows, %d repos) loaded in %.2f s, indexed in %.2f s%n",
        all.size(),
        rows,
        index.repos().size(),
        sec(t1 - t0),
        sec(t2 - t1));
    out.printf(
        Locale.ROOT,
        "templates: %d hosts from %s; %,d distinct name.arch with %,d candidate EVRs%n",
        tpl.size(),
        templates,
        pools.byNameArch.size(),
        pools.candidates);
    // warm-up: a few thousand hosts, not timed (JIT), then reset the peaks
    run(matcher, tpl, pools, Math.min(5_000, hosts), seed ^ 0x5eed, err, false);
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long gc0 = gcMillis();
    long cpu0 = processCpuNanos();
    long s0 = System.nanoTime();
    Result r = run(matcher, tpl, pools, hosts, seed, err, global.progress());
    long s1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    long gc1 = gcMillis();
    double wall = sec(s1 - s0);
    double hostsPerSec = hosts / wall;
    out.printf(
        Locale.ROOT,
        "scan: %,d hosts (%,d distinct evaluated) on %d threads in %.2f s = %,.0f hosts/s;"
            + " %,d installed packages (%,.0f/s)%n",
        hosts,
        r.evaluated.get(),
        threads,
        wall,
        hostsPerSec,
        r.packages,
        r.packages / wall);
    double cpu = sec(cpu1 - cpu0);
    out.printf(
        Locale.ROOT,
        "cpu: %.1f s process CPU time = %.1f us per host = %,.0f hosts per CPU-second (load"
            + " average %.1f on %d cores)%n",
        cpu,
        1e6 * cpu / hosts,
        hosts / cpu,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "findings: %,d advisory findings (%,d MISSING, %,d INSTALLED, %,d pending reboot, %,d"
            + " mitigated, %,d not applicable); %,d MISSING package rows%n",
        r.findings,
        r.byState.get(FindingState.MISSING).sum(),
        r.byState.get(FindingState.INSTALLED).sum(),
        r.byState.get(FindingState.INSTALLED_PENDING_REBOOT).sum(),
        r.byState.get(FindingState.MITIGATED_BY_LIVEPATCH).sum(),
        r.byState.get(FindingState.NOT_APPLICABLE).sum(),
        r.missingRows);
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    out.printf(
        Locale.ROOT,
        "heap: peak %,d MB (max %,d MB); GC %,d ms%n",
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        gc1 - gc0);
    if (dnfSample > 0) {
      double dnfPerHost = new DnfSample(oracle(), work, out, err).run(tpl, dnfSample, matcher);
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
    out.flush();
    return ExitCode.OK;
  }

  record Template(Path fleet, Inventory inventory) {}

  static final class Result {
    final AtomicLong evaluated = new AtomicLong();
    long packages;
    long findings;
    long missingRows;
    final Map<FindingState, LongAdder> byState = new LinkedHashMap<>();
    final LongAdder pk = new LongAdder();
    final LongAdder fi = new LongAdder();
    final LongAdder mr = new LongAdder();

    Result() {
      for (FindingState s : FindingState.values()) {
        byState.put(s, new LongAdder());
      }
    }
  }

  private Result run(
      Matcher matcher,
      List<Template> tpl,
      Pools pools,
      int n,
      long seed,
      PrintWriter err,
      boolean progress)
      throws Exception {
    FleetScanner scanner = new FleetScanner(matcher, 1_000);
    Result r = new Result();
    ProgressBar bar = new ProgressBar(err, progress, "hosts", n);
    AtomicLong done = new AtomicLong();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(
              () ->
                  IntStream.range(0, n)
                      .parallel()
                      .forEach(
                          i -> {
                            Inventory inv =
                                pools.host(tpl.get(i % tpl.size()).inventory(), i, seed);
                            HostFindings h = scanner.scan(inv);
                            r.pk.add(inv.packages().size());
                            r.fi.add(h.findings().size());
                            long missing = 0;
                            for (Finding f : h.findings()) {
                              r.byState.get(f.state()).increment();
                              for (PackageEvidence p : f.packages()) {
                                if (p.state() == FindingState.MISSING) {
                                  missing++;
                                }
                              }
                            }
                            r.mr.add(missing);
                            if ((i & 255) == 0) {
                              bar.update(done.addAndGet(256));
                            }
                          }))
          .get();
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    bar.done();
    r.evaluated.set(scanner.shapesEvaluated());
    r.packages = r.pk.sum();
    r.findings = r.fi.sum();
    r.missingRows = r.mr.sum();
    return r;
  }

  /** Per name.arch, the real EVRs a host's package may be moved to (shared, built once). */
  static final class Pools {
    final Map<String, InstalledPackage[]> byNameArch = new HashMap<>();
    final Map<Nevra, InstalledPackage> canonical = new HashMap<>();
    final double vary;
    long candidates;
    long fixedRows;

    Pools(List<Template> tpl, List<Advisory> all, double vary) {
      this.vary = vary;
      Map<String, TreeSet<Nevra>> evrs = new HashMap<>();
      for (Template t : tpl) {
        for (InstalledPackage p : t.inventory().packages()) {
          evrs.computeIfAbsent(p.nevra().nameArch(), k -> new TreeSet<>()).add(p.nevra());
        }
      }
      for (Advisory a : all) {
        for (var fp : a.packages()) {
          fixedRows++;
          if (fp.arch() == null) {
            continue;
          }
          Nevra n = new Nevra(fp.name(), fp.fixed(), io.fleetpatch.rpm.Arch.parse(fp.arch()));
          TreeSet<Nevra> set = evrs.get(n.nameArch());
          if (set != null) {
            set.add(n);
          }
        }
      }
      for (var e : evrs.entrySet()) {
        InstalledPackage[] arr =
            e.getValue().stream().map(InstalledPackage::of).toArray(InstalledPackage[]::new);
        for (InstalledPackage p : arr) {
          canonical.put(p.nevra(), p);
        }
        byNameArch.put(e.getKey(), arr);
        candidates += arr.length;
      }
    }

    /** Per template: its packages as shared objects, and per package the EVRs it may move to. */
    private final Map<Inventory, InstalledPackage[][]> alternatives = new IdentityHashMap<>();

    void prepare(List<Template> tpl) {
      for (Template t : tpl) {
        List<InstalledPackage> pkgs = t.inventory().packages();
        InstalledPackage[][] alts = new InstalledPackage[pkgs.size() + 1][];
        InstalledPackage[] canon = new InstalledPackage[pkgs.size()];
        for (int j = 0; j < pkgs.size(); j++) {
          InstalledPackage p = pkgs.get(j);
          canon[j] = canonical.getOrDefault(p.nevra(), p);
          alts[j + 1] = byNameArch.getOrDefault(p.nevra().nameArch(), new InstalledPackage[0]);
        }
        alts[0] = canon;
        alternatives.put(t.inventory(), alts);
      }
    }

    /** Host i: the template with each package moved to another real EVR with probability p. */
    Inventory host(Inventory t, int i, long seed) {
      SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
      InstalledPackage[][] alts = alternatives.get(t);
      InstalledPackage[] canon = alts[0];
      InstalledPackage[] pkgs = new InstalledPackage[canon.length];
      for (int j = 0; j < canon.length; j++) {
        InstalledPackage chosen = canon[j];
        InstalledPackage[] alt = alts[j + 1];
        if (alt.length > 1 && rnd.nextDouble() < vary) {
          chosen = alt[rnd.nextInt(alt.length)];
        }
        pkgs[j] = chosen;
      }
      return new Inventory(
          Host.of("bench-" + i),
          t.os(),
          t.kernel(),
          Arrays.asList(pkgs),
          t.repos(),
          t.livepatches(),
          null,
          "bench:" + t.host().id());
    }
  }

  static List<Path> inventoryFiles(Path fleet) throws IOException {
    Path hostsDir = fleet.resolve("hosts");
    try (Stream<Path> s = Files.list(Files.isDirectory(hostsDir) ? hostsDir : fleet)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".inventory.json"))
          .sorted()
          .toList();
    }
  }

  private Path oracle() {
    if (oracle != null) {
      return oracle;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolveSibling("shared").resolve("oracle");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new IllegalArgumentException("cannot find ../shared/oracle: give --oracle DIR");
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long gcMillis() {
    long t = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, gc.getCollectionTime());
    }
    return t;
  }

  static double sec(long nanos) {
    return nanos / 1e9;
  }
}
