package io.fleetpatch.rpm.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads from a database file, or from bytes in memory (tests, fuzzing). */
interface RandomAccessBytes {
  long size() throws IOException;

  /**
   * Fills {@code dst} from its position to its limit with the bytes at {@code pos}; false if the
   * data ends first.
   */
  boolean read(ByteBuffer dst, long pos) throws IOException;

  static RandomAccessBytes of(FileChannel ch) {
    return new RandomAccessBytes() {
      @Override
      public long size() throws IOException {
        return ch.size();
      }

      @Override
      public boolean read(ByteBuffer dst, long pos) throws IOException {
        long at = pos;
        while (dst.hasRemaining()) {
          int n = ch.read(dst, at);
          if (n < 0) {
            return false;
          }
          at += n;
        }
        return true;
      }
    };
  }

  static RandomAccessBytes of(byte[] bytes) {
    return new RandomAccessBytes() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public boolean read(ByteBuffer dst, long pos) {
        int n = dst.remaining();
        if (pos < 0 || pos + n > bytes.length) {
          return false;
        }
        dst.put(bytes, (int) pos, n);
        return true;
      }
    };
  }
}
