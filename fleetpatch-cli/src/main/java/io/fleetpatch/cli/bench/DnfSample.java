package io.fleetpatch.cli.bench;

import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.Matcher;
import io.fleetpatch.match.PackageEvidence;
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
import java.util.concurrent.TimeUnit;

/**
 * Real dnf on a sample of template hosts, in the same run as the benchmark: each host is built with
 * the oracle's {@code mkhost} from its fleetgen {@code .pkgs}, then {@code dnf-oracle --parse ROOT
 * id=FLEET/repos/id... -- updateinfo list --security} is timed (one warm-up, then the median of
 * three). fleetpatch's MISSING rows for the same host are compared with dnf's lines.
 */
final class DnfSample {
  private final Path oracle;
  private final Path work;
  private final PrintWriter out;
  private final PrintWriter err;

  DnfSample(Path oracle, Path work, PrintWriter out, PrintWriter err) {
    this.oracle = oracle;
    this.work = work.toAbsolutePath();
    this.out = out;
    this.err = err;
  }

  /** Returns dnf's median seconds per query over the sample, or 0 when none ran. */
  double run(List<FleetTemplate> tpl, int n, Matcher matcher) throws Exception {
    Files.createDirectories(work);
    List<Double> times = new ArrayList<>();
    int agree = 0;
    int step = Math.max(1, tpl.size() / n);
    for (int k = 0; k < n && k * step < tpl.size(); k++) {
      FleetTemplate t = tpl.get(k * step);
      Inventory inv = t.inventory();
      String host = inv.host().id();
      Query q = query(t.fleet(), inv);
      times.add(q.seconds());
      TreeSet<String> dnf = q.lines();
      HostFindings h = matcher.match(inv);
      TreeSet<String> ours = new TreeSet<>();
      for (Finding f : h.findings()) {
        for (PackageEvidence p : f.packages()) {
          if (p.state() == FindingState.MISSING) {
            ours.add(f.advisoryId() + " " + dnfSpelling(p.fixed()));
          }
        }
      }
      boolean same = ours.equals(dnf);
      agree += same ? 1 : 0;
      out.printf(
          Locale.ROOT,
          "dnf: %s (%d packages, %d repos): %.3f s per query (median of 3); %d rows, fleetpatch"
              + " %s%n",
          host,
          inv.packages().size(),
          inv.repos().size(),
          q.seconds(),
          dnf.size(),
          same ? "identical" : "DIFFERENT (" + ours.size() + " rows)");
    }
    if (times.isEmpty()) {
      return 0;
    }
    double mean = times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    out.printf(
        Locale.ROOT,
        "dnf: %.3f s per host on average over %d hosts; answers identical on %d/%d%n",
        mean,
        times.size(),
        agree,
        times.size());
    return mean;
  }

  /** dnf's answer for one host: seconds per query (median of 3) and its "ADVISORY NEVRA" lines. */
  record Query(double seconds, TreeSet<String> lines) {}

  /**
   * Builds a fleetgen host ({@code FLEET/hosts/ID.pkgs}) with mkhost and times {@code dnf
   * updateinfo list --security} on it with the host's enabled repos ({@code FLEET/repos/ID}): one
   * warm-up query (fills the root's metadata cache), then the median of three.
   */
  Query query(Path fleet, Inventory inv) throws Exception {
    Files.createDirectories(work);
    String host = inv.host().id();
    Path pkgs = fleet.resolve("hosts").resolve(host + ".pkgs");
    Path root = work.resolve("root-" + host);
    exec(
        List.of(
            oracle.resolve("bin/mkhost").toString(),
            "--quiet",
            "--no-color",
            "--work",
            work.toString(),
            pkgs.toString(),
            root.toString()));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                oracle.resolve("bin/dnf-oracle").toString(),
                "--parse",
                "--work",
                work.toString(),
                "--releasever",
                inv.os().versionId(),
                root.toString()));
    for (String r : inv.repos()) {
      cmd.add(r + "=" + fleet.resolve("repos").resolve(r));
    }
    cmd.addAll(List.of("--", "updateinfo", "list", "--security"));
    exec(cmd); // warm-up: fills the root's metadata cache
    double[] runs = new double[3];
    String listing = "";
    for (int i = 0; i < runs.length; i++) {
      long a = System.nanoTime();
      listing = exec(cmd);
      runs[i] = (System.nanoTime() - a) / 1e9;
    }
    Arrays.sort(runs);
    TreeSet<String> lines = new TreeSet<>();
    for (String l : listing.split("\n")) {
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    return new Query(runs[1], lines);
  }

  /** dnf's NEVRA spelling in updateinfo list: the epoch only when not 0. */
  static String dnfSpelling(Nevra n) {
    Evr e = n.evr();
    return n.name()
        + "-"
        + (e.epochOrZero() == 0 ? "" : e.epochOrZero() + ":")
        + e.version()
        + (e.release() == null ? "" : "-" + e.release())
        + "."
        + n.arch();
  }

  private String exec(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      err.println("fleetpatch: bench: failed: " + String.join(" ", cmd));
      throw new IOException("command failed: " + cmd.get(0));
    }
    return text;
  }
}
