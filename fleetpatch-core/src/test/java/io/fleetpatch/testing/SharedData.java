package io.fleetpatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where {@code ../shared} (DESIGN.md, data/, oracle/) is: the {@code fleetpatch.shared} system
 * property that the build sets, else the first {@code shared} folder beside the working directory
 * or one of its parents. Fetched public data is only ever read from there, never copied.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String prop = System.getProperty("fleetpatch.shared");
    if (prop != null && Files.isDirectory(Paths.get(prop, "data"))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "cannot find ../shared (set -Dfleetpatch.shared=/path/to/shared)");
  }

  /** A path under {@code shared/data}. */
  public static Path data(String relative) {
    return root().resolve("data").resolve(relative);
  }

  /** A path under {@code shared/oracle}. */
  public static Path oracle(String relative) {
    return root().resolve("oracle").resolve(relative);
  }
}
