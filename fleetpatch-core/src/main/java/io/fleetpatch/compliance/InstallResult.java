package io.fleetpatch.compliance;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a {@code fleetpatch.install-result/v1} file (docs/compliance-v1.md "Install
 * results"): what a patch run reported for one advisory on one host.
 *
 * @param host the inventory host id
 * @param advisory the advisory id
 * @param outcome what happened
 * @param time when it happened
 * @param message what the patch run said, or null
 */
public record InstallResult(
    String host, String advisory, Outcome outcome, Instant time, String message) {
  public static final String SCHEMA = "fleetpatch.install-result/v1";

  /** What an install attempt came to. */
  public enum Outcome {
    FAILED,
    INSTALLED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public InstallResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(advisory, "advisory");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(time, "time");
  }
}
