package io.fleetpatch.cli.feeds;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses a feed file whose name promises a compression its bytes do not have ({@code .gz} that is
 * plain XML). The parsers tell compression from the magic numbers (RFC 1952 §2.3.1 gzip 1f 8b;
 * bzip2 "BZh"; xz file format 1.1 §2.1.1.1 fd 37 7a 58 5a 00; RFC 8878 §3.1.1 zstd 28 b5 2f fd),
 * but librepo and libsolv pick the decompressor by the name's suffix (libsolv {@code
 * ext/solv_xfopen.c} solv_xfopen), so such a file fails for dnf and is bad input here too.
 */
public final class CompressionSuffix {
  private CompressionSuffix() {}

  /**
   * @throws ProblemException when the suffix and the data disagree, or the file is missing
   */
  public static void check(Path file) {
    String promised = promised(file);
    if (promised == null) {
      return;
    }
    byte[] m;
    try (InputStream in = Files.newInputStream(file)) {
      m = in.readNBytes(6);
    } catch (NoSuchFileException e) {
      throw new ProblemException(Problem.of(file.toString(), "no such file"));
    } catch (IOException e) {
      throw new ProblemException(Problem.of(file.toString(), "cannot read: " + e.getMessage()), e);
    }
    String actual = actual(m);
    if (!promised.equals(actual)) {
      throw new ProblemException(
          Problem.at(
              file.toString(),
              "offset 0",
              "the name says "
                  + promised
                  + " but the data is "
                  + (actual == null ? "not compressed" : actual)));
    }
  }

  static String promised(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      return "gzip";
    }
    if (n.endsWith(".bz2")) {
      return "bzip2";
    }
    if (n.endsWith(".xz")) {
      return "xz";
    }
    if (n.endsWith(".zst")) {
      return "zstd";
    }
    return null;
  }

  static String actual(byte[] m) {
    if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
      return "gzip";
    }
    if (m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
      return "bzip2";
    }
    if (m.length >= 6
        && (m[0] & 0xff) == 0xfd
        && m[1] == '7'
        && m[2] == 'z'
        && m[3] == 'X'
        && m[4] == 'Z'
        && m[5] == 0) {
      return "xz";
    }
    if (m.length >= 4
        && (m[0] & 0xff) == 0x28
        && (m[1] & 0xff) == 0xb5
        && (m[2] & 0xff) == 0x2f
        && (m[3] & 0xff) == 0xfd) {
      return "zstd";
    }
    return null;
  }
}
