package io.fleetpatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetpatch cve}: CVE-centred queries. */
@Command(
    name = "cve",
    mixinStandardHelpOptions = true,
    header = "Query what the store knows of a CVE.",
    subcommands = {CveShowCommand.class},
    footer = {"", "Examples:", "  fleetpatch cve show CVE-2024-6387"})
final class CveCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
