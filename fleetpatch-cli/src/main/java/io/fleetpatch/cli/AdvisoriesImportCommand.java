package io.fleetpatch.cli;

import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.cli.feeds.FeedLoader;
import io.fleetpatch.cli.feeds.LoadedFeed;
import io.fleetpatch.cli.output.ProgressBar;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch advisories import FILE... [--repo ID]}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    header = "Import advisory feed files into the store.",
    description = {
      "",
      "Each FILE is told by its content: yum updateinfo.xml (plain, gzip, bzip2, xz or zstd), or"
          + " a repository's repodata/repomd.xml, whose updateinfo is read and checked against"
          + " the checksum and size repomd.xml gives; OVAL definitions (Alibaba Cloud Linux,"
          + " OpenAnolis, AlmaLinux, Oracle Linux, CBL-Mariner/Azure Linux; source"
          + " RELEASE/oval); ALAS RSS (bulletins without packages: they only add advisories the"
          + " store lacks, and updateinfo replaces them). CISA KEV JSON and EPSS CSV are"
          + " recognised; their import is not built yet.",
      "",
      "Every file is read and checked before anything is written: a bad file stops the command"
          + " with exit code 3, naming the file and place, and the store is unchanged. Then each"
          + " file is imported in one transaction. A file whose bytes were the latest import of"
          + " the same feed is skipped.",
      "",
      "Prints one row per file: the feed (its advisory sources), how many records it held, and"
          + " how many were added, changed (replaced by a newer publication) or unchanged, and"
          + " the data version after the import.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch advisories import updateinfo.xml.gz                # repo from <collection>",
      "  fleetpatch advisories import --repo amzn2extra-docker updateinfo.xml.gz",
      "  fleetpatch advisories import repo/repodata/repomd.xml --format json"
    })
final class AdvisoriesImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Option(
      names = "--repo",
      paramLabel = "ID",
      description =
          "The yum repo id (amzn2-core, amzn2extra-docker, amazonlinux, kernel-livepatch) or"
              + " release/repo (2023/amazonlinux) the updateinfo belongs to. Default: told from"
              + " each update's <collection short=...>.")
  String repo;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Feed files.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FeedLoader loader = new FeedLoader();
    List<LoadedFeed> loaded = new ArrayList<>();
    try (ProgressBar bar = new ProgressBar(err, global.progress(), "reading", files.size())) {
      for (Path f : files) {
        loaded.add(loader.load(f, repo, null, null));
        bar.step(1, f.toString());
      }
    }
    if (!global.quiet()) {
      for (LoadedFeed f : loaded) {
        for (Problem p : f.warnings()) {
          err.println("fleetpatch: warning: " + p);
        }
      }
    }
    Table table =
        new Table(
            "file",
            "kind",
            "feed",
            "records",
            "added",
            "changed",
            "unchanged",
            "status",
            "dataVersion");
    try (Database db = StoreOpener.open(global, spec.commandLine());
        ProgressBar bar = new ProgressBar(err, global.progress(), "importing", loaded.size())) {
      AdvisoryRepository repository = db.advisories();
      for (LoadedFeed f : loaded) {
        ImportOutcome o = f.importInto(repository);
        bar.step(1, f.feed().source());
        table.add(
            f.feed().source(),
            f.feed().kind().toString(),
            f.feed().feedKey(),
            f.size(),
            o.skipped() ? 0 : o.provenance().added(),
            o.skipped() ? 0 : o.provenance().changed(),
            o.skipped() ? f.size() : o.provenance().unchanged(),
            o.skipped() ? "skipped (same bytes as the latest import)" : "imported",
            o.dataVersion());
      }
    }
    table.print(out, output.format());
    return ExitCode.OK;
  }
}
