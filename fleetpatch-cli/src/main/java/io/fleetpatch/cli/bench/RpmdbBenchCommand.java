package io.fleetpatch.cli.bench;

import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.rpm.db.Rpmdb;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fleetpatch bench rpmdb}: reading a host's package list, ours and real rpm's. */
@Command(
    name = "rpmdb",
    mixinStandardHelpOptions = true,
    header = "Time to read an rpm database (sqlite and Berkeley DB), ours and real 'rpm -qa'.",
    description = {
      "",
      "Reads each database with fleetpatch in this JVM (all headers parsed into a sorted"
          + " inventory, as 'fleetpatch inventory' does): the first read, then the median of"
          + " --runs reads after --warmup reads. Then runs real rpm on a private copy of the same"
          + " file --runs times (each a new process, as a script would run it):",
      "  rpm --define '_db_backend sqlite|bdb_ro' --dbpath COPY -qa --qf"
          + " '%%{NAME}-%%{EPOCHNUM}:%%{VERSION}-%%{RELEASE}.%%{ARCH}\\n'",
      "and prints the median and the ratio. The time from JVM start to this command is printed"
          + " apart: it is not part of the reading figures.",
      "",
      "Without --sqlite/--bdb, builds a --packages host with the oracle (../shared/oracle:"
          + " mkhost --no-color, then mkbdb) in a temporary directory first; that takes a while"
          + " (about 10 s for 3,000 packages) and is not timed.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch bench rpmdb                         # 3,000-package host, sqlite and bdb",
      "  fleetpatch bench rpmdb --packages 500 --runs 5",
      "  fleetpatch bench rpmdb --sqlite /var/lib/rpm/rpmdb.sqlite --bdb old-host/var/lib/rpm"
    })
final class RpmdbBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(
      names = "--packages",
      defaultValue = "3000",
      description = "Packages of the generated host (default ${DEFAULT-VALUE}).")
  int packages;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the generated package list (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--sqlite",
      paramLabel = "PATH",
      description = "An rpmdb.sqlite (or its directory) to time instead of a generated one.")
  Path sqlite;

  @Option(
      names = "--bdb",
      paramLabel = "PATH",
      description = "A Berkeley DB Packages (or its directory) to time instead of a generated one.")
  Path bdb;

  @Option(
      names = "--runs",
      defaultValue = "10",
      description = "Measured reads per tool (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description = "Unmeasured reads before ours are timed (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--no-rpm", description = "Do not run real rpm.")
  boolean noRpm;

  @Override
  public Integer call() throws IOException, InterruptedException {
    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
    PrintWriter out = spec.commandLine().getOut();
    if (runs < 1 || warmup < 0 || packages < 1) {
      throw new ParameterException(spec.commandLine(), "--runs and --packages must be >= 1");
    }
    Path work = Files.createTempDirectory("fleetpatch-bench-rpmdb");
    try {
      Map<String, Path> dbs = new LinkedHashMap<>();
      if (sqlite == null && bdb == null) {
        Optional<Path> bin = VercmpBenchCommand.findOracle().map(Path::getParent);
        if (bin.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(),
              "no oracle found (../shared/oracle/bin): give --sqlite PATH and/or --bdb PATH");
        }
        out.printf(
            Locale.ROOT, "building a %,d-package host with the oracle (not timed) ...%n", packages);
        out.flush();
        Path list = Files.writeString(work.resolve("host.pkgs"), packageList(seed, packages));
        Path root = work.resolve("host");
        run(
            work,
            bin.get().resolve("mkhost").toString(),
            "--no-color",
            "--quiet",
            "--work",
            work.resolve("scratch").toString(),
            list.toString(),
            root.toString());
        Path clean = Files.createDirectories(work.resolve("sqlite"));
        Files.copy(root.resolve("var/lib/rpm/rpmdb.sqlite"), clean.resolve("rpmdb.sqlite"));
        dbs.put("sqlite", clean.resolve("rpmdb.sqlite"));
        run(
            work,
            bin.get().resolve("mkbdb").toString(),
            "--quiet",
            "--indexes",
            "none",
            "--work",
            work.resolve("scratch").toString(),
            clean.toString(),
            work.resolve("bdb").toString());
        dbs.put("bdb", work.resolve("bdb/Packages"));
      } else {
        if (sqlite != null) {
          dbs.put("sqlite", file(sqlite));
        }
        if (bdb != null) {
          dbs.put("bdb", file(bdb));
        }
      }
      out.printf(
          Locale.ROOT,
          "JVM start to this command: %d ms (not included in the figures below)%n%n",
          jvmStartMs);
      out.printf(
          Locale.ROOT,
          "%-8s %9s %9s %13s %13s %13s %9s%n",
          "database",
          "packages",
          "size",
          "ours first",
          "ours median",
          "rpm -qa",
          "rpm/ours");
      for (Map.Entry<String, Path> e : dbs.entrySet()) {
        measure(e.getKey(), e.getValue(), work, out);
      }
      out.printf(
          Locale.ROOT,
          "%n'ours' = read + parse every header + sort, in this JVM; 'rpm -qa' = a new rpm process"
              + " per run (its own start-up included, as a script pays it); medians of %d runs."
              + " Wall times; cpu = this process's CPU time (all threads) vs rpm's user+sys.%n",
          runs);
      return ExitCode.OK;
    } finally {
      deleteTree(work);
    }
  }

  private void measure(String name, Path db, Path work, PrintWriter out)
      throws IOException, InterruptedException {
    InventorySources sources = InventorySources.standard();
    long t0 = System.nanoTime();
    Inventory first = sources.read(db);
    double firstMs = (System.nanoTime() - t0) / 1e6;
    for (int i = 0; i < warmup; i++) {
      sources.read(db);
    }
    double[] ours = new double[runs];
    double[] oursCpu = new double[runs];
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < runs; i++) {
      long c = os.getProcessCpuTime();
      long s = System.nanoTime();
      Inventory inv = sources.read(db);
      ours[i] = (System.nanoTime() - s) / 1e6;
      oursCpu[i] = (os.getProcessCpuTime() - c) / 1e6;
      if (inv.packages().size() != first.packages().size()) {
        throw new IllegalStateException("reads differ");
      }
    }
    double oursMedian = median(ours);
    double oursCpuMedian = median(oursCpu);
    String rpmCol = "-";
    String rpmCpuCol = "-";
    String ratio = "-";
    String cpuRatio = "-";
    if (!noRpm) {
      Path copy = Files.createDirectories(work.resolve("rpm-" + name));
      Files.copy(
          db, copy.resolve(db.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String backend = Rpmdb.formatOf(db).name().equals("SQLITE") ? "sqlite" : "bdb_ro";
      // GNU time (/usr/bin/time) writes rpm's user and sys CPU seconds to rpm.time
      String[] cmd = {
        "/usr/bin/time", "-f", "%U %S", "-o", work.resolve("rpm.time").toString(),
        "rpm", "--define", "_db_backend " + backend, "--dbpath", copy.toAbsolutePath().toString(),
        "-qa", "--qf", "%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n"
      };
      double[] rpm = new double[runs];
      double[] rpmCpu = new double[runs];
      int lines = 0;
      for (int i = 0; i < runs; i++) {
        long s = System.nanoTime();
        lines = run(work, cmd).split("\n").length;
        rpm[i] = (System.nanoTime() - s) / 1e6;
        String[] t = Files.readString(work.resolve("rpm.time")).strip().split("\\s+");
        rpmCpu[i] = (Double.parseDouble(t[0]) + Double.parseDouble(t[1])) * 1000;
      }
      if (lines != first.packages().size()) {
        out.printf(
            Locale.ROOT,
            "warning: rpm listed %d packages, fleetpatch %d%n",
            lines,
            first.packages().size());
      }
      double rpmMedian = median(rpm);
      double rpmCpuMedian = median(rpmCpu);
      rpmCol = String.format(Locale.ROOT, "%.1f ms", rpmMedian);
      rpmCpuCol = String.format(Locale.ROOT, "%.1f ms", rpmCpuMedian);
      ratio = String.format(Locale.ROOT, "%.1fx", rpmMedian / oursMedian);
      cpuRatio = String.format(Locale.ROOT, "%.1fx", rpmCpuMedian / oursCpuMedian);
    }
    out.printf(
        Locale.ROOT,
        "%-8s %,9d %8.1fM %10.1f ms %10.1f ms %13s %9s   cpu: ours %.1f ms, rpm %s, %s%n",
        name,
        first.packages().size(),
        Files.size(db) / 1e6,
        firstMs,
        oursMedian,
        rpmCol,
        ratio,
        oursCpuMedian,
        rpmCpuCol,
        cpuRatio);
    out.flush();
    checksum(first);
  }

  /** Keeps the JIT from discarding the reads. */
  private static int checksum(Inventory inv) {
    int h = 0;
    for (InstalledPackage p : inv.packages()) {
      h = 31 * h + p.nevra().hashCode();
    }
    return h;
  }

  private static Path file(Path p) {
    return Files.isDirectory(p) ? Rpmdb.findIn(p).orElse(p.resolve("rpmdb.sqlite")) : p;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A seeded mkhost list: multilib pairs, 2-4 kernels, epochs, noarch, '~' and '^'. */
  static String packageList(long seed, int n) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      lines.add("kernel - 5.10." + (200 + 10 * k) + " 1.amzn2 x86_64");
    }
    for (int i = 0; lines.size() < n; i++) {
      String name = "pkg-" + i;
      String epoch = r.nextInt(4) == 0 ? String.valueOf(r.nextInt(3)) : "-";
      String version = r.nextInt(9) + "." + r.nextInt(30) + (r.nextInt(10) == 0 ? "~rc1" : "");
      String release = (1 + r.nextInt(40)) + ".amzn2";
      int kind = r.nextInt(10);
      if (kind < 2) {
        lines.add(String.join(" ", name, epoch, version, release, "noarch"));
      } else if (kind < 4 && lines.size() + 2 <= n) {
        lines.add(String.join(" ", name, epoch, version, release, "x86_64"));
        lines.add(String.join(" ", name, epoch, version, release, "i686"));
      } else {
        lines.add(String.join(" ", name, epoch, version, release, "x86_64"));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("HOME", dir.toAbsolutePath().toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String text =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("failed: " + String.join(" ", cmd));
    }
    return text;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
