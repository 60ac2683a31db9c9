package io.fleetpatch.problem;

import java.util.Objects;

/**
 * Something wrong with input data, and where it is: a file (or URL, or "stdin"), a place inside it
 * ("line 12", "page 3", "offset 4096", "header 17") and what was wrong. Its {@link #toString()} is
 * the one line the command line prints before exiting with code 3.
 *
 * @param source the file, URL or stream the data came from
 * @param where the place inside the source, or empty when the whole source is meant
 * @param message what is wrong, quoting the offending value where there is one
 */
public record Problem(String source, String where, String message) {
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  public static Problem of(String source, String message) {
    return new Problem(source, "", message);
  }

  public static Problem at(String source, String where, String message) {
    return new Problem(source, where, message);
  }

  /** The same problem, found inside {@code outer} (for nested sources: a layer inside an image). */
  public Problem within(String outer) {
    return new Problem(outer + "!" + source, where, message);
  }

  @Override
  public String toString() {
    return where.isEmpty() ? source + ": " + message : source + ": " + where + ": " + message;
  }
}
