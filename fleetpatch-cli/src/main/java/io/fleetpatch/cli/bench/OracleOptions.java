package io.fleetpatch.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the benchmarks that time real dnf find the oracle harness and build their hosts. */
final class OracleOptions {
  @Option(
      names = "--oracle",
      paramLabel = "DIR",
      description = "The oracle folder (default: ../shared/oracle beside the checkout).")
  Path oracle;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Scratch for the hosts built for dnf (default: ${DEFAULT-VALUE}).")
  Path work = Path.of("target", "bench-work");

  /** The oracle folder: --oracle, else {@code shared/oracle} beside this checkout or a parent. */
  Path oracle(CommandSpec spec) {
    if (oracle != null) {
      return oracle;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolveSibling("shared").resolve("oracle");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "cannot find ../shared/oracle: give --oracle DIR");
  }
}
