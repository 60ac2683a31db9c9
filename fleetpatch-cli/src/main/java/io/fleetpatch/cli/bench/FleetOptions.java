package io.fleetpatch.cli.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The synthetic fleet that {@code bench scan} and {@code bench comply} share (a picocli mixin). */
final class FleetOptions {
  @Option(names = "--hosts", description = "Synthetic hosts (default: ${DEFAULT-VALUE}).")
  int hosts = 100_000;

  @Option(
      names = "--templates",
      arity = "1..*",
      required = true,
      paramLabel = "DIR",
      description = "fleetgen fleet directories (hosts/*.inventory.json) used as templates.")
  List<Path> templates;

  @Option(
      names = "--advisories",
      arity = "1..*",
      required = true,
      paramLabel = "FILE|DIR",
      description = "updateinfo files or directories (all Amazon Linux repos for the figures).")
  List<Path> advisories;

  @Option(
      names = "--vary",
      description = "Per package probability of another EVR (${DEFAULT-VALUE}).")
  double vary = 0.3;

  @Option(names = "--seed", description = "Random seed (${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--threads", description = "Worker threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();
}
