package io.fleetpatch.baseline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import java.nio.charset.StandardCharsets;

/**
 * Any bytes, as JSON or YAML, give a baseline or a {@link ProblemException}: never another
 * exception, a hang or an OutOfMemoryError (YAML alias bombs included). Seeds:
 * BaselineFileFuzzTestInputs/.
 */
class BaselineFileFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void anyBytes(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      BaselineFile.parse(text, "fuzz", data.length % 2 == 1, "fuzz");
    } catch (ProblemException expected) {
      // malformed input is reported, which is the point
    }
  }
}
