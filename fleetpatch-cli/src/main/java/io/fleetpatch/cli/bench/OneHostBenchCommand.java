package io.fleetpatch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.cli.ExitCode;
import io.fleetpatch.cli.GlobalOptions;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.collect.InventoryJson;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetpatch bench onehost}: the wall time of a one-host {@code fleetpatch scan} against the
 * store, JVM start included, beside real dnf's time per query on the same host (issue 4).
 */
@Command(
    name = "onehost",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Benchmark: one-host 'fleetpatch scan' on the store, JVM start included; dnf beside.",
    description = {
      "",
      "Runs the real launcher ('./fleetpatch scan --db STORE --format json HOST', a new JVM each"
          + " time) once to warm up (it may build the CLI or create its class-data archive), then"
          + " --runs times, and prints the wall time of each run, the minimum and the median."
          + " This is what a user waits for: JVM start, opening the store, reading the"
          + " advisories the host can use, indexing them, matching and printing.",
      "",
      "Then, for a fleetgen host (HOST is FLEET/hosts/ID.inventory.json beside ID.pkgs), builds"
          + " the same host with the oracle's mkhost and times real dnf's 'updateinfo list"
          + " --security' on it with the host's enabled repos (FLEET/repos/ID; one warm-up query,"
          + " then the median of three), compares dnf's rows with the MISSING package rows of"
          + " fleetpatch's JSON, and prints the ratio dnf / fleetpatch.",
      "",
      "The store must hold the advisories the fleet's repos were built from (e.g. all of"
          + " shared/data/amazon/updateinfo imported with 'fleetpatch advisories import'). Timings"
          + " vary with the machine's load: compare figures from the same run.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  ./fleetpatch advisories import --db /tmp/store.db \\",
      "    ../shared/data/amazon/updateinfo/*/updateinfo.xml.gz",
      "  ./fleetpatch bench onehost --db /tmp/store.db --runs 5 \\",
      "    fleets/al2-all-s12/hosts/al2-001.inventory.json",
      "  ./fleetpatch bench onehost --db /tmp/store.db --versus ../old-checkout/fleetpatch HOST"
    })
public final class OneHostBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(
      arity = "1",
      paramLabel = "HOST",
      description = "An inventory JSON; a fleetgen host (FLEET/hosts/ID.inventory.json) for dnf.")
  Path host;

  @Option(
      names = "--runs",
      description = "Timed scans after the warm-up (default: ${DEFAULT-VALUE}).")
  int runs = 5;

  @Option(
      names = "--launcher",
      paramLabel = "PATH",
      description = "The fleetpatch launcher to run (default: ${DEFAULT-VALUE}).")
  Path launcher = Path.of("fleetpatch");

  @Option(
      names = "--versus",
      paramLabel = "PATH",
      description =
          "Another fleetpatch launcher (e.g. a build of an older commit) timed the same way, its"
              + " runs interleaved with --launcher's so that both see the same load.")
  Path versus;

  @Option(names = "--no-dnf", description = "Time fleetpatch only.")
  boolean noDnf;

  @Mixin OracleOptions dnfHosts;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
    }
    if (!Files.isRegularFile(launcher) || !Files.isExecutable(launcher)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "no fleetpatch launcher at " + launcher + ": run from the checkout or give --launcher");
    }
    Inventory inv = InventoryJson.read(host);
    if (versus != null && (!Files.isRegularFile(versus) || !Files.isExecutable(versus))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "no fleetpatch launcher at " + versus + " (--versus)");
    }
    out.printf(
        Locale.ROOT,
        "host: %s (%s, %d packages); store: %s%n",
        inv.host().id(),
        inv.os().prettyName(),
        inv.packages().size(),
        global.db() == null ? "the default store" : global.db());
    List<String> cmd = command(launcher);
    List<String> other = versus == null ? null : command(versus);
    out.printf(Locale.ROOT, "fleetpatch: %s%n", scan(cmd).summary());
    if (other != null) {
      out.printf(Locale.ROOT, "versus: %s%n", scan(other).summary());
    }
    double[] walls = new double[runs];
    double[] versusWalls = new double[runs];
    Scan last = null;
    for (int i = 0; i < runs; i++) {
      last = scan(cmd);
      walls[i] = last.seconds();
      if (other != null) {
        versusWalls[i] = scan(other).seconds();
      }
    }
    double median = print(out, "fleetpatch scan, one host, JVM start included", walls);
    double min = Arrays.stream(walls).min().orElseThrow();
    if (other != null) {
      double vs = print(out, "versus " + versus + ", same host, interleaved", versusWalls);
      out.printf(Locale.ROOT, "ratio versus / fleetpatch (medians): %.2f%n", vs / median);
    }
    if (noDnf) {
      out.flush();
      return ExitCode.OK;
    }
    Path fleet = host.toAbsolutePath().getParent().getParent();
    Path pkgs = host.resolveSibling(inv.host().id() + ".pkgs");
    if (!Files.isRegularFile(pkgs) || inv.repos() == null) {
      out.printf(
          Locale.ROOT,
          "dnf: not run: %s is not a fleetgen host (no %s or no repo list)%n",
          host,
          pkgs.getFileName());
      out.flush();
      return ExitCode.OK;
    }
    DnfSample.Query dnf =
        new DnfSample(dnfHosts.oracle(spec), dnfHosts.work, out, err).query(fleet, inv);
    TreeSet<String> ours = missingRows(last.json());
    out.printf(
        Locale.ROOT,
        "dnf updateinfo list --security, same host: %.2f s per query (median of 3); %d rows,"
            + " fleetpatch %s%n",
        dnf.seconds(),
        dnf.lines().size(),
        ours.equals(dnf.lines()) ? "identical" : "DIFFERENT (" + ours.size() + " rows)");
    out.printf(
        Locale.ROOT,
        "ratio dnf / fleetpatch: %.2f (fleetpatch median %.2f s, min %.2f s vs dnf %.2f s per"
            + " query)%n",
        dnf.seconds() / median,
        median,
        min,
        dnf.seconds());
    out.flush();
    return ExitCode.OK;
  }

  private List<String> command(Path fleetpatch) {
    List<String> cmd = new ArrayList<>(List.of(fleetpatch.toAbsolutePath().toString(), "scan"));
    if (global.db() != null) {
      cmd.addAll(List.of("--db", global.db()));
    }
    cmd.addAll(List.of("--format", "json", "--no-progress", host.toAbsolutePath().toString()));
    return cmd;
  }

  /** Prints the runs, their minimum and median; returns the median. */
  private static double print(PrintWriter out, String what, double[] walls) {
    StringBuilder each = new StringBuilder();
    for (double w : walls) {
      each.append(each.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.2f", w));
    }
    double[] sorted = walls.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    if (sorted.length % 2 == 0) {
      median = (sorted[sorted.length / 2 - 1] + median) / 2;
    }
    out.printf(
        Locale.ROOT,
        "%s: min %.2f s, median %.2f s over %d runs (%s s)%n",
        what,
        sorted[0],
        median,
        walls.length,
        each);
    return median;
  }

  /** One scan run: its wall time, its JSON, and its last stderr line. */
  private record Scan(double seconds, String json, String summary) {}

  private static Scan scan(List<String> cmd) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    CompletableFuture<String> errText =
        CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    String json = readAll(p.getInputStream());
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("scan did not finish in 10 minutes: " + String.join(" ", cmd));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String stderr = errText.join();
    // exit 1 is "findings at or above --fail-on", which this run does not give
    if (p.exitValue() != ExitCode.OK) {
      throw new IOException(
          "scan failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + stderr);
    }
    String summary = "";
    for (String line : stderr.split("\n")) {
      if (line.startsWith("fleetpatch: scanned")) {
        summary = line.substring("fleetpatch: ".length());
      }
    }
    return new Scan(seconds, json, summary);
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The MISSING package rows of a scan's JSON, spelt as dnf's "ADVISORY NEVRA" lines. */
  static TreeSet<String> missingRows(String json) throws IOException {
    TreeSet<String> rows = new TreeSet<>();
    JsonNode doc = new ObjectMapper().readTree(json);
    for (JsonNode h : doc.path("hosts")) {
      for (JsonNode f : h.path("findings")) {
        for (JsonNode p : f.path("packages")) {
          if (p.path("state").asText().equals("MISSING")) {
            Nevra fixed =
                new Nevra(
                    p.path("name").asText(),
                    Evr.parse(p.path("fixed").asText()),
                    Arch.parse(p.path("arch").asText()));
            rows.add(f.path("advisory").asText() + " " + DnfSample.dnfSpelling(fixed));
          }
        }
      }
    }
    return rows;
  }
}
