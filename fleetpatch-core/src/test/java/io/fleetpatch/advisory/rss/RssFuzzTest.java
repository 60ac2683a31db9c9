package io.fleetpatch.advisory.rss;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.XmlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes give items or a {@link ProblemException}: never another exception, a hang or an
 * OutOfMemoryError. Seeds: RssFuzzTestInputs/.
 */
class RssFuzzTest {
  private static final XmlLimits SMALL = new XmlLimits(8 << 20, 1 << 20, 1 << 20, 32);
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("rss-fuzz", ".xml");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void anyBytes(byte[] data) throws IOException {
    Files.write(FILE, data);
    try {
      new RssParser(SMALL).read(FILE);
    } catch (ProblemException expected) {
      // malformed input is reported, which is the point
    }
  }
}
