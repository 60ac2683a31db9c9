package io.fleetpatch.cli;

import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.BaselineFile;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.baseline.store.StoredBaseline;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import io.fleetpatch.store.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --baseline ARG} names, looked up in this order: a file that exists, a baseline stored
 * under that name in the store of {@code --db}, a predefined baseline (docs/baseline.md).
 */
public final class BaselineResolver {
  private BaselineResolver() {}

  /**
   * Resolves {@code arg} for the command of {@code spec} (its {@link GlobalOptions} mixin names the
   * store). A default SQLite store that does not exist yet is not created: it holds nothing.
   *
   * @throws CommandLine.ParameterException (exit 2) naming every place looked in, when none has it
   * @throws io.fleetpatch.problem.ProblemException (exit 3) when the file or document is invalid
   */
  public static Baseline resolve(String arg, CommandSpec spec) throws IOException {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) {
      return BaselineFile.read(p);
    }
    GlobalOptions global = globalOptions(spec);
    String storeLabel = "the store";
    if (global != null && validName(arg)) {
      DatabaseTarget target = StoreOpener.target(global, spec.commandLine(), System.getenv());
      storeLabel = "the store " + target.display();
      if (target.dialect() != Dialect.SQLITE || Files.exists(target.sqliteFile())) {
        Optional<StoredBaseline> stored;
        try (Database db = Database.open(target)) {
          stored = db.baselines().find(arg);
        }
        if (stored.isPresent()) {
          return stored.get().baseline();
        }
      }
    }
    Optional<Baseline> predefined = PredefinedBaselines.byName(arg);
    if (predefined.isPresent()) {
      return predefined.get();
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--baseline '"
            + arg
            + "' is neither a file nor a predefined baseline ("
            + String.join(", ", PredefinedBaselines.names())
            + "), and no baseline of that name is stored in "
            + storeLabel
            + " ('fleetpatch baselines list')");
  }

  private static boolean validName(String name) {
    try {
      StoredBaseline.checkName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static GlobalOptions globalOptions(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof GlobalOptions g) {
        return g;
      }
    }
    return null;
  }
}
