package io.fleetpatch.cli;

import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns the global {@code --db} option into an open store: a SQLite file path, a {@code
 * postgresql://} URL, or by default {@code $XDG_DATA_HOME/fleetpatch/fleetpatch.db} ({@code
 * ~/.local/share/fleetpatch/fleetpatch.db} when XDG_DATA_HOME is unset or relative, as the XDG Base
 * Directory Specification says).
 */
final class StoreOpener {
  private StoreOpener() {}

  /** Opens (and migrates) the store the options name. */
  static Database open(GlobalOptions global, CommandLine cmd) {
    return Database.open(target(global, cmd, System.getenv()));
  }

  static DatabaseTarget target(GlobalOptions global, CommandLine cmd, Map<String, String> env) {
    if (global.db() == null) {
      return DatabaseTarget.sqlite(defaultFile(env));
    }
    try {
      return DatabaseTarget.parse(global.db());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, "--db: " + e.getMessage());
    }
  }

  /** The default SQLite file (XDG Base Directory Specification 0.8, $XDG_DATA_HOME). */
  static Path defaultFile(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base;
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      base = Path.of(xdg);
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      base = Path.of(home, ".local", "share");
    }
    return base.resolve("fleetpatch").resolve("fleetpatch.db");
  }
}
