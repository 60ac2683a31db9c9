package io.fleetpatch.cli;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch baselines delete NAME}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    header = "Delete a stored baseline (its history keeps the document).",
    description = {
      "",
      "Removes NAME from the store; 'baselines show NAME --history --format json' still has the"
          + " deleted document. A name that is not stored is bad input (exit 3).",
      ""
    },
    footer = {"", "Example:", "  fleetpatch baselines delete dev"})
final class BaselinesDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(paramLabel = "NAME", description = "The stored name ('fleetpatch baselines list').")
  String name;

  @Override
  public Integer call() {
    boolean deleted;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      deleted = db.baselines().delete(name, Instant.now());
    }
    if (!deleted) {
      throw new ProblemException(
          Problem.of(name, "no baseline of that name in the store ('fleetpatch baselines list')"));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("deleted baseline '" + name + "'");
    out.flush();
    return ExitCode.OK;
  }
}
