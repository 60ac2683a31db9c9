package io.fleetpatch.rpm.db;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Structure-aware fuzzing of binary files: the fuzzer chooses a few (offset, bytes) patches and a
 * truncation of a real, valid file, so its inputs get past the magic numbers into the deep code.
 */
public final class FuzzPatches {
  private FuzzPatches() {}

  /** {@code base} with up to 8 fuzzer-chosen patches and an optional truncation. */
  public static byte[] apply(byte[] base, FuzzedDataProvider data) {
    byte[] b = base.clone();
    int patches = data.consumeInt(0, 8);
    for (int i = 0; i < patches && data.remainingBytes() > 0; i++) {
      int at = data.consumeInt(0, b.length - 1);
      byte[] v = data.consumeBytes(data.consumeInt(1, 8));
      System.arraycopy(v, 0, b, at, Math.min(v.length, b.length - at));
    }
    if (data.consumeBoolean()) {
      b = java.util.Arrays.copyOf(b, data.consumeInt(0, b.length));
    }
    return b;
  }
}
