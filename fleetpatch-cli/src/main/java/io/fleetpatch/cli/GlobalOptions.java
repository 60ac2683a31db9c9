package io.fleetpatch.cli;

import picocli.CommandLine.Option;

/** The global options of DESIGN.md §7, mixed into every command. */
public final class GlobalOptions {
  @Option(
      names = "--db",
      paramLabel = "URL|PATH",
      description =
          "Database: a SQLite file path (default: $XDG_DATA_HOME/fleetpatch/fleetpatch.db) or a"
              + " postgresql://host/db URL.")
  String db;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print results only: no progress and no log lines below WARN.")
  boolean quiet;

  @Option(names = "--no-progress", description = "Never draw a progress bar.")
  boolean noProgress;

  /** Whether progress bars may be drawn: stderr is a terminal and neither -q nor --no-progress. */
  public boolean progress() {
    return !quiet && !noProgress && System.console() != null;
  }

  public String db() {
    return db;
  }

  public boolean quiet() {
    return quiet;
  }
}
