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
import java.util.Arrays;

/** NDB {@code Packages.db} files: only problems, never another exception, hang or OOM. */
class NdbFuzzTest {
  /** The real SLE15 file, cut after its first slot page and first blobs to keep runs fast. */
  static final byte[] BASE = load();

  static byte[] load() {
    try {
      return Files.readAllBytes(
          SharedData.data("rpmdb/go-rpmdb/pkg/testdata/sle15-bci/Packages.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void read(FuzzedDataProvider data) {
    byte[] file;
    if (data.consumeBoolean()) {
      // keep the structure but patch mostly the slot page and blob heads/tails
      file = FuzzPatches.apply(BASE, data);
    } else {
      file = data.consumeRemainingAsBytes();
      if (data.remainingBytes() == 0 && file.length > 4 && file[0] == 'R') {
        file = Arrays.copyOf(file, file.length);
      }
    }
    try {
      for (HeaderBlob b : NdbPackages.read("Packages.db", file)) {
        PackageHeader.parse(b.blob());
      }
    } catch (ProblemException | HeaderFormatException expected) {
      // malformed input, reported
    }
  }
}
