package io.fleetpatch.baseline.store;

import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.BaselineFile;
import io.fleetpatch.baseline.BaselineFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * A baseline kept in the store under {@code name}: its original document, byte for byte as it was
 * imported (so that {@code baselines show} prints what was imported, comments included), and when
 * it was first stored and last replaced.
 */
public record StoredBaseline(
    String name, BaselineFormat format, String document, Instant createdAt, Instant updatedAt) {
  public StoredBaseline {
    checkName(name);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The longest stored name (SSM's limit for a patch baseline name: API CreatePatchBaseline). */
  public static final int MAX_NAME = 128;

  /**
   * Checks a store key: 1-128 characters, none of them a control character or a path separator (so
   * a name can never be mistaken for a file path by {@code comply --baseline}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "a stored baseline's name has 1-" + MAX_NAME + " characters, got " + name.length());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '/' || c == '\\') {
        throw new IllegalArgumentException(
            "a stored baseline's name has no control characters or slashes: '" + name + "'");
      }
    }
    return name;
  }

  /** Parses the stored document; its own {@code Name} wins, else the stored name. */
  public Baseline baseline() {
    return parse(name, format, document);
  }

  /**
   * Parses a document as it would be stored under {@code name}.
   *
   * @throws io.fleetpatch.problem.ProblemException when it is not a valid baseline
   */
  public static Baseline parse(String name, BaselineFormat format, String document) {
    return BaselineFile.parse(
        document, "stored baseline '" + name + "'", format == BaselineFormat.YAML, name);
  }
}
