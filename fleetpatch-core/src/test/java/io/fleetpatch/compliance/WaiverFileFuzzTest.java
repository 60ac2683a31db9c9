package io.fleetpatch.compliance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import java.nio.charset.StandardCharsets;

/**
 * Any bytes give exceptions (waivers) or a {@link ProblemException}: never another exception, a
 * hang or an OutOfMemoryError. Seeds: WaiverFileFuzzTestInputs/.
 */
class WaiverFileFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void anyBytes(byte[] data) {
    try {
      WaiverFile.parse(new String(data, StandardCharsets.UTF_8), "fuzz");
    } catch (ProblemException expected) {
      // malformed input is reported, which is the point
    }
  }
}
