package io.fleetpatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks for external tools a test needs (the oracle's rpm/dnf/createrepo_c, Chromium). Outside CI
 * a missing tool skips the test; when {@code fleetpatch.requireTools=true} (CI, {@code .ci/run}) it
 * fails it, because a test skipped for a missing tool counts as a failure there.
 */
public final class Tools {
  private Tools() {}

  public static boolean required() {
    return Boolean.getBoolean("fleetpatch.requireTools") || "true".equals(System.getenv("CI"));
  }

  /** Fails (CI) or skips (elsewhere) unless every executable is on the PATH or given by path. */
  public static void require(String... executables) {
    for (String exe : executables) {
      boolean found = exe.contains("/") ? Files.isExecutable(Path.of(exe)) : onPath(exe);
      String why = "needs '" + exe + "' (install: bash ../shared/oracle/bin/install-deps.sh)";
      if (required()) {
        if (!found) {
          throw new AssertionError(why);
        }
      } else {
        assumeTrue(found, why);
      }
    }
  }

  private static boolean onPath(String exe) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
