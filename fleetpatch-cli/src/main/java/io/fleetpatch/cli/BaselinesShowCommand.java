package io.fleetpatch.cli;

import io.fleetpatch.baseline.store.BaselineChange;
import io.fleetpatch.baseline.store.StoredBaseline;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch baselines show NAME [--history]}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Print a stored baseline's document, exactly as imported.",
    description = {
      "",
      "Prints the document stored under NAME, byte for byte as it was imported (so it can be"
          + " edited and imported again). With --history, prints instead every creation,"
          + " replacement and deletion of NAME (--format table, json or csv); json also carries"
          + " the previous documents. A name that is not stored is bad input (exit 3).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch baselines show prod > prod.json",
      "  fleetpatch baselines show prod --history --format json"
    })
final class BaselinesShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Parameters(paramLabel = "NAME", description = "The stored name ('fleetpatch baselines list').")
  String name;

  @Option(names = "--history", description = "Print the name's history instead of its document.")
  boolean history;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<StoredBaseline> found;
    List<BaselineChange> changes;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      found = db.baselines().find(name);
      changes = history ? db.baselines().history(name) : List.of();
    }
    if (history) {
      if (changes.isEmpty()) {
        throw notStored();
      }
      boolean json = output.format() == OutputFormat.json;
      Table t =
          json
              ? new Table("id", "action", "at", "previousFormat", "previous")
              : new Table("id", "action", "at");
      for (BaselineChange c : changes) {
        if (json) {
          t.add(
              c.id(),
              c.action().name(),
              c.at().toString(),
              c.previousFormat() == null ? null : c.previousFormat().toString(),
              c.previous());
        } else {
          t.add(c.id(), c.action().name(), c.at().toString());
        }
      }
      t.print(out, output.format());
      return ExitCode.OK;
    }
    String doc = found.orElseThrow(this::notStored).document();
    out.print(doc);
    out.flush();
    return ExitCode.OK;
  }

  private ProblemException notStored() {
    return new ProblemException(
        Problem.of(name, "no baseline of that name in the store ('fleetpatch baselines list')"));
  }
}
