package io.fleetpatch.problem;

/**
 * Thrown when malformed input makes it impossible to go on (the reader cannot produce a result).
 * The command line turns it into exit code 3 and one line, {@link Problem#toString()}, with no
 * stack trace. Problems that a reader can step over are returned with its result instead.
 */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public ProblemException(Problem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
