package io.fleetpatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetpatch baselines}: patch baselines stored in the database. */
@Command(
    name = "baselines",
    mixinStandardHelpOptions = true,
    header = "Store, list, show and delete patch baselines in the database.",
    description = {
      "",
      "A stored baseline is a baseline file (AWS get-patch-baseline JSON, or YAML of the same"
          + " shape; docs/baseline.md) kept in the store (--db) under a name, exactly as it was"
          + " imported, comments included. 'fleetpatch comply --baseline NAME' uses it when NAME is"
          + " not a file. Importing a name again replaces the baseline; every creation,"
          + " replacement and deletion is kept in its history with the previous document.",
      ""
    },
    subcommands = {
      BaselinesImportCommand.class,
      BaselinesListCommand.class,
      BaselinesShowCommand.class,
      BaselinesDeleteCommand.class
    },
    footer = {
      "",
      "Not built yet: stored exceptions (they are files: comply --exceptions).",
      "",
      "Examples:",
      "  fleetpatch baselines import prod-baseline.json",
      "  fleetpatch baselines import dev.yaml --name dev",
      "  fleetpatch baselines list --format json",
      "  fleetpatch baselines show dev > dev.yaml",
      "  fleetpatch comply hosts/ --advisories updateinfo/ --baseline dev",
      "  fleetpatch baselines delete dev"
    })
final class BaselinesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
