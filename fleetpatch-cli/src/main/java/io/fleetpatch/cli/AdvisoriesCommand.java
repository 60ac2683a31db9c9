package io.fleetpatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetpatch advisories}: the advisory store's feeds and queries. */
@Command(
    name = "advisories",
    mixinStandardHelpOptions = true,
    header = "Import, sync and query security advisories in the store.",
    description = {
      "",
      "The store (--db; default $XDG_DATA_HOME/fleetpatch/fleetpatch.db, SQLite) holds the"
          + " advisories of every imported feed, with provenance: where each feed came from, its"
          + " checksum, when it was fetched and imported, and the data version it produced."
          + " Imports are atomic (a bad file changes nothing) and idempotent (the same file again"
          + " changes nothing); a newer publication of an advisory replaces the stored one and the"
          + " change is kept in the history.",
      ""
    },
    subcommands = {
      AdvisoriesImportCommand.class,
      AdvisoriesSyncCommand.class,
      AdvisoriesListCommand.class,
      AdvisoriesShowCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch advisories import amzn2-core/updateinfo.xml.gz --repo amzn2-core",
      "  fleetpatch advisories sync",
      "  fleetpatch advisories list --repo amzn2-core --severity important --since 2024-01-01",
      "  fleetpatch advisories show ALAS2-2024-2377 --format json"
    })
final class AdvisoriesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
