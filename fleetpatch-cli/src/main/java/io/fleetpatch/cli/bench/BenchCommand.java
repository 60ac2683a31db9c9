package io.fleetpatch.cli.bench;

import io.fleetpatch.cli.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fleetpatch bench}: the parent of the benchmark commands. To add one, write {@code
 * XxxBenchCommand} in this package (a picocli command named for what it measures) and add its class
 * to {@code subcommands} below; nothing else.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header =
        "Measure fleetpatch's speed, next to a peer (real rpm, dnf, ...) run on the same input.",
    description = {
      "",
      "Each subcommand times one job with JMH or a warmed-up loop and prints its figures, and"
          + " where there is a reference implementation on this machine (the oracle harness in"
          + " ../shared/oracle), times that on the same input and prints the ratio.",
      "Timings vary with the machine's load: compare figures from the same run.",
      ""
    },
    subcommands = {
      VercmpBenchCommand.class,
      ImportBenchCommand.class,
      RpmdbBenchCommand.class,
      ScanBenchCommand.class,
      ComplyBenchCommand.class,
      OneHostBenchCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch bench vercmp",
      "  fleetpatch bench vercmp --pairs 100000",
      "  fleetpatch bench scan --hosts 100000 --templates FLEET... --advisories DIR --dnf-sample 3",
      "  fleetpatch bench onehost --db store.db FLEET/hosts/al2-001.inventory.json"
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
