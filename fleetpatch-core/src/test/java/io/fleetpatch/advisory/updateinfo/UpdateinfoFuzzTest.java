package io.fleetpatch.advisory.updateinfo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.XmlLimits;
import java.io.ByteArrayInputStream;

/**
 * Any bytes give advisories or a {@link ProblemException}: never another exception, a hang or an
 * OutOfMemoryError. Seeds: UpdateinfoFuzzTestInputs/.
 */
class UpdateinfoFuzzTest {
  private static final XmlLimits SMALL = new XmlLimits(8 << 20, 1 << 20, 1 << 20, 32);

  @FuzzTest(maxDuration = "20s")
  void anyBytes(byte[] data) {
    try {
      new UpdateinfoParser(SMALL)
          .stream(
              new ByteArrayInputStream(data),
              "fuzz.xml",
              data.length % 2 == 0 ? null : "amzn2-core",
              a -> {});
    } catch (ProblemException expected) {
      // malformed input is reported, which is the point
    }
  }
}
