package io.fleetpatch.advisory.oval;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.XmlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes give advisories or a {@link ProblemException}: never another exception, a hang or an
 * OutOfMemoryError. The parser reads a file twice, so each input is written to a scratch file.
 * Seeds: OvalFuzzTestInputs/.
 */
class OvalFuzzTest {
  private static final XmlLimits SMALL = new XmlLimits(8 << 20, 1 << 20, 1 << 20, 32);
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("oval-fuzz", ".xml");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void anyBytes(byte[] data) throws IOException {
    Files.write(FILE, data);
    try {
      new OvalParser(SMALL).stream(FILE, null, a -> {});
    } catch (ProblemException expected) {
      // malformed input is reported, which is the point
    }
  }
}
