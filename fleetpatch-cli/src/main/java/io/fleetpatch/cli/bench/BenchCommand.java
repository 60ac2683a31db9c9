package io.fleetpatch.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetpatch bench ...}: benchmarks that print their figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Benchmarks that print figures (throughput, latency, heap) beside real tools.",
    description = {"", "Subcommands: scan.", ""},
    subcommands = {BenchScanCommand.class, BenchComplyCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
