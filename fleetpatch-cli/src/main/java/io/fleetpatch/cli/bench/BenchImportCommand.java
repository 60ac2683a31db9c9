package io.fleetpatch.cli.bench;

import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.StoreCounts;
import io.fleetpatch.cli.feeds.FeedLoader;
import io.fleetpatch.cli.feeds.LoadedFeed;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetpatch bench import}: the full Amazon Linux updateinfo data set imported into a fresh
 * SQLite store and a fresh PostgreSQL database, beside real dnf loading the same updateinfo ({@code
 * dnf makecache} on local metadata-only repositories built by the oracle's mkrepo).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    header = "Time a full advisory import into SQLite and PostgreSQL, beside dnf makecache.",
    description = {
      "",
      "Reads every DATA/<repo id>/updateinfo.xml.gz (the shared data set: 5,393 advisories,"
          + " 115,356 package rows), then imports them, one transaction per repository, into a"
          + " new SQLite file and, with --postgres, into a new database created on that server"
          + " (and dropped afterwards). With the oracle (shared/oracle) and dnf installed, it then"
          + " builds one metadata-only repository per repo id (mkrepo /dev/null --updateinfo) and"
          + " times real dnf's 'makecache' over all of them, cold. Prints seconds and"
          + " advisories/s for each.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch bench import",
      "  fleetpatch bench import --postgres postgresql://postgres@localhost:5432/postgres"
    })
final class BenchImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The updateinfo folders (default: shared/data/amazon/updateinfo found upward).")
  Path data;

  @Option(
      names = "--oracle",
      paramLabel = "DIR",
      description = "The oracle folder (default: shared/oracle found upward); 'none' skips dnf.")
  String oracle;

  @Option(
      names = "--postgres",
      paramLabel = "URL",
      description =
          "A PostgreSQL server (postgresql://user[:password]@host:port/db) on which the bench may"
              + " create and drop a database. Without it PostgreSQL is skipped.")
  String postgres;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Repetitions of each timing; the best is printed (default: 1).")
  int runs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = data != null ? data : findUp("shared/data/amazon/updateinfo");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dataDir)) {
      s.sorted().forEach(d -> files.add(d.resolve("updateinfo.xml.gz")));
    }
    out.printf(Locale.ROOT, "data: %s (%d repositories)%n", dataDir, files.size());

    long t0 = System.nanoTime();
    List<LoadedFeed> feeds = new ArrayList<>();
    FeedLoader loader = new FeedLoader();
    for (Path f : files) {
      feeds.add(loader.load(f, f.getParent().getFileName().toString(), null, null));
    }
    double parse = seconds(t0);
    int advisories = feeds.stream().mapToInt(LoadedFeed::size).sum();
    out.printf(
        Locale.ROOT,
        "%-34s %8.3f s  %10.0f advisories/s  (%d advisories)%n",
        "parse updateinfo (no store)",
        parse,
        advisories / parse,
        advisories);

    Path tmp = Files.createTempDirectory("fleetpatch-bench");
    try {
      double best = Double.MAX_VALUE;
      StoreCounts counts = null;
      for (int i = 0; i < runs; i++) {
        Path file = tmp.resolve("bench-" + i + ".db");
        try (Database db = Database.open(DatabaseTarget.sqlite(file))) {
          long t = System.nanoTime();
          importAll(db.advisories(), feeds);
          best = Math.min(best, seconds(t));
          counts = db.advisories().counts();
        }
      }
      report(out, "import into SQLite", best, advisories, counts);
      if (postgres != null) {
        best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
          DatabaseTarget server = DatabaseTarget.parse(postgres);
          String name = "fleetpatch_bench_" + System.currentTimeMillis() + "_" + i;
          execute(server, "CREATE DATABASE " + name);
          try {
            DatabaseTarget target =
                DatabaseTarget.postgresql(
                    server.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"),
                    server.user(),
                    server.password());
            try (Database db = Database.open(target)) {
              long t = System.nanoTime();
              importAll(db.advisories(), feeds);
              best = Math.min(best, seconds(t));
              counts = db.advisories().counts();
            }
          } finally {
            execute(server, "DROP DATABASE " + name);
          }
        }
        report(out, "import into PostgreSQL", best, advisories, counts);
      } else {
        out.println("import into PostgreSQL             skipped (give --postgres URL)");
      }
      Path oracleDir =
          "none".equals(oracle)
              ? null
              : oracle != null ? Path.of(oracle) : findUpOrNull("shared/oracle");
      if (oracleDir == null || !Files.isExecutable(oracleDir.resolve("bin/mkrepo"))) {
        out.println("dnf makecache                      skipped (no oracle)");
      } else {
        double dnf = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
          dnf = Math.min(dnf, dnfMakecache(oracleDir, files, tmp.resolve("dnf-" + i)));
        }
        out.printf(
            Locale.ROOT,
            "%-34s %8.3f s  %10.0f advisories/s%n",
            "dnf makecache (real dnf 4, cold)",
            dnf,
            advisories / dnf);
      }
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.flush();
    return 0;
  }

  private static void importAll(AdvisoryRepository repo, List<LoadedFeed> feeds) {
    for (LoadedFeed f : feeds) {
      f.importInto(repo);
    }
  }

  private static void report(PrintWriter out, String what, double s, int n, StoreCounts c) {
    out.printf(
        Locale.ROOT,
        "%-34s %8.3f s  %10.0f advisories/s  (stored: %d advisories, %d packages, %d CVEs)%n",
        what,
        s,
        n / s,
        c.advisories(),
        c.packages(),
        c.distinctCves());
  }

  private static void execute(DatabaseTarget server, String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Builds one metadata-only repo per repo id (untimed), then times dnf makecache on them. */
  private static double dnfMakecache(Path oracle, List<Path> files, Path dir) throws Exception {
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    List<String> repoArgs = new ArrayList<>();
    for (Path f : files) {
      String id = f.getParent().getFileName().toString();
      Path xml = dir.resolve(id + ".updateinfo.xml");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(f));
          OutputStream o = Files.newOutputStream(xml)) {
        in.transferTo(o);
      }
      Path repo = dir.resolve("repos").resolve(id);
      run(
          List.of(
              oracle.resolve("bin/mkrepo").toString(),
              "--quiet",
              "--work",
              work.toString(),
              "--updateinfo",
              xml.toString(),
              "/dev/null",
              repo.toString()));
      repoArgs.add(id + "=" + repo);
    }
    Path root = dir.resolve("root");
    Path empty = dir.resolve("empty.pkgs");
    Files.writeString(empty, "");
    run(
        List.of(
            oracle.resolve("bin/mkhost").toString(),
            "--work",
            work.toString(),
            empty.toString(),
            root.toString()));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                oracle.resolve("bin/dnf-oracle").toString(),
                "--work",
                work.toString(),
                root.toString()));
    cmd.addAll(repoArgs);
    cmd.addAll(List.of("--", "-q", "makecache"));
    long t = System.nanoTime();
    run(cmd);
    return seconds(t);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", cmd)
              + " failed:\n"
              + new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static Path findUp(String relative) throws IOException {
    Path p = findUpOrNull(relative);
    if (p == null) {
      throw new IOException(
          "cannot find " + relative + " above " + Path.of("").toAbsolutePath() + " (give --data)");
    }
    return p;
  }

  private static Path findUpOrNull(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve(relative);
      if (Files.isDirectory(c)) {
        return c;
      }
      c = p.resolveSibling(relative);
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }
}
