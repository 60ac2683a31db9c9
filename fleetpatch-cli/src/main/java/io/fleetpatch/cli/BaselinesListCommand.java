package io.fleetpatch.cli;

import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.store.StoredBaseline;
import io.fleetpatch.cli.output.Table;
import io.fleetpatch.store.Database;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetpatch baselines list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List the stored baselines.",
    description = {
      "",
      "One row per stored baseline, by name: the stored name, the document's format and Name,"
          + " its OperatingSystem (empty: every OS), number of approval rules, patch groups, and"
          + " when it was first stored and last replaced (UTC).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  fleetpatch baselines list",
      "  fleetpatch baselines list --format csv --db postgresql://db.example/fleetpatch"
    })
final class BaselinesListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin FormatOption output;

  @Override
  public Integer call() {
    List<StoredBaseline> stored;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      stored = db.baselines().list();
    }
    Table t =
        new Table("name", "format", "baseline", "os", "rules", "patchGroups", "created", "updated");
    for (StoredBaseline s : stored) {
      Baseline b = s.baseline();
      t.add(
          s.name(),
          s.format().toString(),
          b.name(),
          b.operatingSystem(),
          b.rules().size(),
          String.join(" ", b.patchGroups()),
          s.createdAt().toString(),
          s.updatedAt().toString());
    }
    t.print(spec.commandLine().getOut(), output.format());
    return ExitCode.OK;
  }
}
