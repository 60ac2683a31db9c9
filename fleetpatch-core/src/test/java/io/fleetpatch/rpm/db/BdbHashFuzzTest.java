package io.fleetpatch.rpm.db;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.header.HeaderFormatException;
import io.fleetpatch.rpm.header.PackageHeader;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Berkeley DB {@code Packages} files: only problems, never another exception, hang or OOM. */
class BdbHashFuzzTest {
  static final byte[] BASE = load();

  static byte[] load() {
    try {
      return Files.readAllBytes(SharedData.data("rpmdb/go-rpmdb/pkg/testdata/libuuid/Packages"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void read(FuzzedDataProvider data) {
    byte[] file =
        data.consumeBoolean() ? FuzzPatches.apply(BASE, data) : data.consumeRemainingAsBytes();
    try {
      for (HeaderBlob b : BdbHashPackages.read("Packages", file)) {
        PackageHeader.parse(b.blob());
      }
    } catch (ProblemException | HeaderFormatException expected) {
      // malformed input, reported
    }
  }
}
