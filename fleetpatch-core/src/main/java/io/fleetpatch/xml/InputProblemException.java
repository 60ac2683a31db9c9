package io.fleetpatch.xml;

import io.fleetpatch.problem.Problem;
import java.io.IOException;

/**
 * An {@link IOException} that carries a {@link Problem} through code that only lets I/O errors
 * pass, such as the JDK's XML parser reading from a {@link SafeInput} stream. {@link SafeXmlReader}
 * unwraps it into a {@link io.fleetpatch.problem.ProblemException}.
 */
public final class InputProblemException extends IOException {
  private final transient Problem problem;

  public InputProblemException(Problem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
