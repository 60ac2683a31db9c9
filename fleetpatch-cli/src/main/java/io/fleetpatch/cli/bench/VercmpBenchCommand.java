package io.fleetpatch.cli.bench;

import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.RpmVersions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fleetpatch bench vercmp}: comparisons per second, ours and real librpm's. */
@Command(
    name = "vercmp",
    mixinStandardHelpOptions = true,
    header = "Comparisons per second of RpmVersions.compare, and of real librpm on the same pairs.",
    description = {
      "",
      "Generates seeded random EVR pairs (rich in ~ ^ _ + . -, leading zeros, long numbers, epochs,"
          + " missing releases), then measures with JMH, in a forked JVM:",
      "  compare: RpmVersions.compare of two parsed Evr (matching's inner loop);",
      "  text: RpmVersions.compare of two EVR strings, split in place (vercmp --stdin);",
      "  parse+compare: Evr.parse of both strings into records, then compare.",
      "Then runs ../shared/oracle/bin/vercmp-oracle (python3-rpm: librpm rpmverParse +"
          + " rpmverCmp) once over the same pairs, prints its pairs per second with and without"
          + " its start-up, the ratios, and how many of its answers equal ours.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch bench vercmp                                   # 1M pairs, ~30 s",
      "  fleetpatch bench vercmp --pairs 100000 --iterations 3 --time 500ms",
      "  fleetpatch bench vercmp --no-oracle"
    })
final class VercmpBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(
      names = "--pairs",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Pairs (default ${DEFAULT-VALUE}).")
  int pairs;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--forks",
      paramLabel = "N",
      defaultValue = "1",
      description = "JMH forks; 0 runs in this JVM (default ${DEFAULT-VALUE}).")
  int forks;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "3",
      description = "Warm-up iterations (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "5",
      description = "Measured iterations (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--time",
      defaultValue = "1s",
      paramLabel = "DURATION",
      description = "Length of each iteration: 500ms, 1s, ... (default ${DEFAULT-VALUE}).")
  String time;

  @Option(
      names = "--oracle",
      paramLabel = "PATH",
      description =
          "vercmp-oracle to time (default: ../shared/oracle/bin/vercmp-oracle, searched"
              + " upwards from the working directory and from the fleetpatch jar).")
  Path oracle;

  @Option(names = "--no-oracle", description = "Do not run the librpm oracle.")
  boolean noOracle;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (pairs < 1 || forks < 0 || warmup < 0 || iterations < 1) {
      throw new ParameterException(
          spec.commandLine(), "--pairs and --iterations must be >= 1, --forks and --warmup >= 0");
    }
    TimeValue iteration = duration(time);
    out.printf(
        Locale.ROOT,
        "vercmp: %,d random EVR pairs (seed %d); JMH %d fork(s), %d x %s warm-up, %d x %s measured%n",
        pairs,
        seed,
        forks,
        warmup,
        time,
        iterations,
        time);
    out.flush();

    Collection<RunResult> results;
    try {
      results =
          new Runner(
                  new OptionsBuilder()
                      .include("^" + Pattern.quote(VercmpBenchmark.class.getName()) + "\\.")
                      .param("pairs", Integer.toString(pairs))
                      .param("seed", Long.toString(seed))
                      .forks(forks)
                      .warmupIterations(warmup)
                      .warmupTime(iteration)
                      .measurementIterations(iterations)
                      .measurementTime(iteration)
                      .threads(1)
                      // not the launcher's -XX:TieredStopAtLevel=1: measure with the full JIT
                      .jvmArgs(forkJvmArgs())
                      .shouldFailOnError(true)
                      .verbosity(VerboseMode.SILENT)
                      .build())
              .run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
    double compare = score(results, "compareParsed", out, "RpmVersions.compare (parsed Evr)");
    double text = score(results, "compareText", out, "RpmVersions.compare (two strings)");
    double parse = score(results, "parseAndCompare", out, "Evr.parse x2 + compare (records)");

    if (noOracle) {
      out.println("librpm oracle: not run (--no-oracle)");
      return ExitCode.OK;
    }
    Optional<Path> script = oracle != null ? Optional.of(oracle) : findOracle();
    if (script.isEmpty() || !Files.isExecutable(script.get())) {
      out.println(
          "librpm oracle: not found"
              + (script.isPresent() ? " at " + script.get() : "")
              + " (give --oracle PATH to ../shared/oracle/bin/vercmp-oracle); no ratio measured");
      return ExitCode.OK;
    }
    runOracle(script.get(), new double[] {compare, text, parse}, out);
    return ExitCode.OK;
  }

  private void runOracle(Path script, double[] ours, PrintWriter out)
      throws IOException, InterruptedException {
    List<String[]> list = RandomEvrPairs.generate(seed, pairs);
    Path dir = Files.createTempDirectory("fleetpatch-bench-vercmp");
    try {
      Path in = dir.resolve("pairs.txt");
      Path one = dir.resolve("one.txt");
      Path res = dir.resolve("out.txt");
      try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
        for (String[] p : list) {
          w.write(p[0]);
          w.write(' ');
          w.write(p[1]);
          w.write('\n');
        }
      }
      Files.writeString(one, list.get(0)[0] + " " + list.get(0)[1] + "\n");
      double startup = timeProcess(script, one, res);
      double total = timeProcess(script, in, res);
      List<String> answers = Files.readAllLines(res, StandardCharsets.UTF_8);
      long agree = 0;
      for (int i = 0; i < list.size() && i < answers.size(); i++) {
        int mine = RpmVersions.compare(Evr.parse(list.get(i)[0]), Evr.parse(list.get(i)[1]));
        if (answers.get(i).equals(Integer.toString(mine))) {
          agree++;
        }
      }
      double rate = pairs / total;
      double net = total > startup ? pairs / (total - startup) : rate;
      out.printf(
          Locale.ROOT,
          "  %-40s %,15.0f pairs/s   (%,d pairs in %.2f s, one process; %,.0f/s without its"
              + " %.2f s start-up)%n",
          "librpm (vercmp-oracle, python3-rpm)",
          rate,
          pairs,
          total,
          net,
          startup);
      out.printf(
          Locale.ROOT,
          "ratio fleetpatch / librpm: compare %.1fx, two strings %.1fx, parse+compare %.1fx"
              + " (against librpm without its start-up: %.1fx, %.1fx, %.1fx)%n",
          ours[0] / rate,
          ours[1] / rate,
          ours[2] / rate,
          ours[0] / net,
          ours[1] / net,
          ours[2] / net);
      out.printf(Locale.ROOT, "agreement with librpm on these pairs: %,d of %,d%n", agree, pairs);
    } finally {
      for (String f : new String[] {"pairs.txt", "one.txt", "out.txt"}) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * The forked JVM's flags: a fixed heap, and (JDK 23+, JEP 471) quiet about JMH's use of
   * sun.misc.Unsafe, whose warning would otherwise land among the figures.
   */
  private static String[] forkJvmArgs() {
    return Runtime.version().feature() >= 23
        ? new String[] {"-Xmx1g", "-Xms1g", "--sun-misc-unsafe-memory-access=allow"}
        : new String[] {"-Xmx1g", "-Xms1g"};
  }

  /** Wall seconds of {@code script < in > out}; fails when it fails. */
  private static double timeProcess(Path script, Path in, Path out)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(script.toString())
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int rc = p.waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IOException(script + " exited with " + rc);
    }
    return s;
  }

  private static double score(
      Collection<RunResult> results, String method, PrintWriter out, String label) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + method)) {
        double s = r.getPrimaryResult().getScore();
        double err = r.getPrimaryResult().getScoreError();
        String pm = Double.isNaN(err) ? "" : String.format(Locale.ROOT, " +- %,.0f", err);
        out.printf(Locale.ROOT, "  %-40s %,15.0f comparisons/s%s%n", label, s, pm);
        out.flush();
        return s;
      }
    }
    throw new IllegalStateException("JMH gave no result for " + method);
  }

  private TimeValue duration(String s) {
    try {
      return TimeValue.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "bad --time '" + s + "' (e.g. 500ms, 1s)");
    }
  }

  /** {@code shared/oracle/bin/vercmp-oracle} beside the working directory or the jar, or above. */
  static Optional<Path> findOracle() {
    List<Path> starts = new ArrayList<>();
    String prop = System.getProperty("fleetpatch.shared");
    if (prop != null) {
      starts.add(Paths.get(prop).resolve("oracle/bin/vercmp-oracle"));
    }
    List<Path> roots = new ArrayList<>(List.of(Paths.get("").toAbsolutePath()));
    try {
      roots.add(
          Paths.get(
                  VercmpBenchCommand.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toAbsolutePath());
    } catch (Exception e) {
      // no code source: the working directory is enough
    }
    for (Path root : roots) {
      for (Path p = root; p != null; p = p.getParent()) {
        starts.add(p.resolveSibling("shared").resolve("oracle/bin/vercmp-oracle"));
      }
    }
    return starts.stream().filter(Files::isExecutable).findFirst();
  }
}
