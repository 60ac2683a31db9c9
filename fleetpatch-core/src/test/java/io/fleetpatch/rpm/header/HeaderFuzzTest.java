package io.fleetpatch.rpm.header;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.rpm.db.FuzzPatches;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Header blobs: the parser may only ever throw {@link HeaderFormatException}. */
class HeaderFuzzTest {
  static final byte[] BASE = load();

  static byte[] load() {
    try {
      return Files.readAllBytes(SharedData.data("rpmdb/go-rpmdb/pkg/testdata/blob.bin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void parse(FuzzedDataProvider data) {
    byte[] blob =
        data.consumeBoolean() ? FuzzPatches.apply(BASE, data) : data.consumeRemainingAsBytes();
    try {
      PackageHeader h = PackageHeader.parse(blob);
      if (h.name() == null || h.version() == null) {
        throw new IllegalStateException("parsed header without name or version");
      }
    } catch (HeaderFormatException expected) {
      // malformed input, reported
    }
  }
}
