package io.fleetpatch.cli;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.RepoSelection;
import io.fleetpatch.cli.scan.AdvisorySupplier;
import io.fleetpatch.cli.scan.FeedFiles;
import io.fleetpatch.cli.scan.HostRepoSelection;
import io.fleetpatch.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The advisories a scan judges hosts against: the feed files given with {@code --advisories}, or
 * else those imported into the store that {@code --db} names (DESIGN.md §6: scan results name the
 * store's data version): the repos a {@link HostRepoSelection} names when the scan knows its hosts
 * first, else everything.
 */
final class StoreAdvisories implements AdvisorySupplier {
  private final GlobalOptions global;
  private final CommandLine cmd;
  private final RepoSelection selection;

  private StoreAdvisories(GlobalOptions global, CommandLine cmd, RepoSelection selection) {
    this.global = global;
    this.cmd = cmd;
    this.selection = selection;
  }

  /**
   * Feed files when any are given, else the store.
   *
   * @param releases the hosts' releases, to skip other releases' feed files (null: read all)
   */
  static AdvisorySupplier choose(
      List<Path> files, Set<String> releases, GlobalOptions global, CommandLine cmd) {
    return choose(files, releases, null, global, cmd);
  }

  /**
   * Feed files when any are given, else the store.
   *
   * @param releases the hosts' releases, to skip other releases' feed files (null: read all)
   * @param selection the store's repos that can change the findings ({@link HostRepoSelection};
   *     null: read the whole store)
   */
  static AdvisorySupplier choose(
      List<Path> files,
      Set<String> releases,
      RepoSelection selection,
      GlobalOptions global,
      CommandLine cmd) {
    return files.isEmpty()
        ? new StoreAdvisories(global, cmd, selection)
        : new FeedFiles(files, releases);
  }

  @Override
  public Loaded load() {
    try (Database db = StoreOpener.open(global, cmd)) {
      List<Advisory> all = List.of();
      if (selection != null) {
        all = db.advisories().list(selection);
      }
      if (all.isEmpty()) {
        // no selection, or nothing the hosts can use: the whole store, as a scan always read
        all = db.advisories().list(AdvisoryQuery.all());
      }
      if (all.isEmpty()) {
        throw new CommandLine.ParameterException(
            cmd,
            "the store ("
                + db.target()
                + ") holds no advisories: import some with 'fleetpatch advisories import FILE…'"
                + " or 'advisories sync', or give --advisories FILE|DIR");
      }
      return new Loaded(all, "store:" + db.advisories().dataVersion(), List.of());
    }
  }
}
