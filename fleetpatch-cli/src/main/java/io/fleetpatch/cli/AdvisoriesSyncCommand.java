package io.fleetpatch.cli;

import io.fleetpatch.cli.feeds.DefaultFeedSources;
import io.fleetpatch.cli.feeds.FeedLoader;
import io.fleetpatch.cli.feeds.FeedSource;
import io.fleetpatch.cli.feeds.FeedSync;
import io.fleetpatch.cli.feeds.HttpFetcher;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetpatch advisories sync [--mirror URL...]}. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    header = "Fetch advisory feeds over HTTP(S) and import what changed.",
    description = {
      "",
      "For each source: a mirror.list is read for repository base URLs (tried in order); a"
          + " repository's repodata/repomd.xml is fetched with a conditional GET (If-None-Match,"
          + " If-Modified-Since from the validators stored at the last sync; 304 means nothing to"
          + " do); the updateinfo it locates is fetched and checked against repomd.xml's checksum"
          + " and size, then imported in one transaction. A single feed file URL (e.g. an OVAL"
          + " document) is fetched conditionally and imported. Failed requests are retried with"
          + " exponential backoff.",
      "",
      "Without --mirror, syncs the built-in public sources: Amazon Linux 2 core, every AL2"
          + " extras topic (amzn2extra-TOPIC, including livepatch), AL2023 core, kernel-livepatch"
          + " and nvidia (cdn.amazonlinux.com mirror lists), and Alibaba Cloud Linux 3 and 4 OVAL"
          + " (mirrors.aliyun.com). Offline, that fails with exit code 4.",
      "",
      "Every source is tried; the exit code is 3 when one served bad data (checksum mismatch,"
          + " malformed feed; that feed changes nothing), else 4 when one could not be fetched.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch advisories sync",
      "  fleetpatch advisories sync --mirror"
          + " https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list",
      "  fleetpatch advisories sync --mirror http://repo.example/amzn2-core/ --repo amzn2-core"
    })
final class AdvisoriesSyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      arity = "1..*",
      description =
          "A mirror.list URL, a repository base URL (with repodata/ below it) or a feed file URL."
              + " Repeatable. Default: the built-in sources.")
  List<String> mirrors = new ArrayList<>();

  @Option(
      names = "--repo",
      paramLabel = "ID",
      description = "The repo id the fetched updateinfo belongs to (default: from the feed).")
  String repo;

  @Option(
      names = "--attempts",
      paramLabel = "N",
      defaultValue = "4",
      description = "Tries per request (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(
      names = "--backoff",
      paramLabel = "MILLIS",
      defaultValue = "500",
      description = "Wait before the first retry, doubled for each further one (default: 500).")
  long backoffMillis;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Connect and request timeout (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** Feeds are tens of MB; this bounds a misbehaving server. */
  private static final long MAX_BYTES = 512L * 1024 * 1024;

  @Override
  public Integer call() throws IOException {
    if (attempts < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--attempts must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<FeedSource> sources = new ArrayList<>();
    for (String m : mirrors) {
      try {
        sources.add(FeedSource.fromUrl(m, repo));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--mirror: not a URL: '" + m + "'");
      }
    }
    if (sources.isEmpty()) {
      sources.addAll(DefaultFeedSources.all());
    }
    HttpFetcher http =
        new HttpFetcher(
            attempts,
            Duration.ofMillis(backoffMillis),
            Duration.ofSeconds(timeoutSeconds),
            MAX_BYTES,
            err,
            global.progress());
    Table table =
        new Table("source", "url", "status", "feed", "records", "added", "changed", "dataVersion");
    ProblemException badData = null;
    IOException failed = null;
    int failures = 0;
    Path work = Files.createTempDirectory("fleetpatch-sync");
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      FeedSync sync = new FeedSync(http, new FeedLoader(), db.advisories(), db.fetchStates(), work);
      for (FeedSource s : sources) {
        try {
          FeedSync.Outcome o = sync.sync(s, repo);
          boolean imported = o.result() != null && !o.result().skipped();
          table.add(
              s.name(),
              s.url().toString(),
              o.status(),
              o.feed() == null ? null : o.feed().feed().feedKey(),
              o.feed() == null ? null : o.feed().size(),
              imported ? o.result().provenance().added() : 0,
              imported ? o.result().provenance().changed() : 0,
              o.result() == null ? null : o.result().dataVersion());
        } catch (ProblemException e) {
          failures++;
          badData = badData == null ? e : badData;
          err.println("fleetpatch: " + s.name() + ": " + e.getMessage());
          table.add(s.name(), s.url().toString(), "bad data", null, null, 0, 0, null);
        } catch (IOException | UncheckedIOException e) {
          failures++;
          IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
          failed = failed == null ? io : failed;
          err.println("fleetpatch: " + s.name() + ": " + io.getMessage());
          table.add(s.name(), s.url().toString(), "failed", null, null, 0, 0, null);
        }
      }
    } finally {
      deleteTree(work);
    }
    table.print(out, output.format());
    if (badData != null) {
      throw new ProblemException(
          Problem.of(
              "sync",
              failures
                  + " of "
                  + sources.size()
                  + " sources failed; first bad data: "
                  + badData.getMessage()),
          badData);
    }
    if (failed != null) {
      throw new IOException(
          failures
              + " of "
              + sources.size()
              + " sources could not be fetched (offline?); first: "
              + failed.getMessage(),
          failed);
    }
    return ExitCode.OK;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
