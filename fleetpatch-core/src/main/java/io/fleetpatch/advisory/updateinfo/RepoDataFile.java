package io.fleetpatch.advisory.updateinfo;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One {@code <data type="...">} entry of a repomd.xml (createrepo_c {@code src/repomd.c}): the
 * file's location relative to the repository root, its checksum as stored ({@code checksum}) and
 * decompressed ({@code open-checksum}), and sizes. Sizes are -1 and checksums empty when absent.
 *
 * @param type e.g. updateinfo, primary
 * @param href location relative to the repository root, e.g. {@code repodata/updateinfo.xml.gz}
 * @param checksumType sha256, sha1 ("sha" is sha1, as in yum), sha512, md5, or empty
 * @param checksum lower-case hex, or empty
 * @param openChecksumType of the decompressed file, or empty
 * @param openChecksum of the decompressed file, or empty
 * @param size stored size in bytes, or -1
 * @param openSize decompressed size in bytes, or -1
 * @param timestamp seconds since the epoch, or -1
 */
public record RepoDataFile(
    String type,
    String href,
    String checksumType,
    String checksum,
    String openChecksumType,
    String openChecksum,
    long size,
    long openSize,
    long timestamp) {

  /**
   * The file this entry names, for a repomd.xml at {@code repomd} (in {@code <root>/repodata/}).
   */
  public Path resolve(Path repomd) {
    Path dir = repomd.toAbsolutePath().getParent();
    Path root = dir.getParent() == null ? dir : dir.getParent();
    Path p = root.resolve(href).normalize();
    if (!p.startsWith(root)) {
      throw new ProblemException(
          Problem.of(
              repomd.toString(), "location href '" + href + "' points outside the repository"));
    }
    return p;
  }

  /**
   * Whether {@code file}'s bytes have this entry's checksum (and size, when given).
   *
   * @return null when they match, else the problem
   */
  public Problem check(Path file) {
    if (checksum.isEmpty()) {
      return Problem.of(file.toString(), "repomd.xml gives no checksum for " + type);
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm(checksumType));
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      return Problem.of(file.toString(), "unknown checksum type '" + checksumType + "'");
    }
    long n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      for (int r; (r = in.read(buf)) >= 0; ) {
        md.update(buf, 0, r);
        n += r;
      }
    } catch (IOException e) {
      throw new ProblemException(Problem.of(file.toString(), "cannot read: " + e.getMessage()), e);
    }
    String actual = HexFormat.of().formatHex(md.digest());
    if (!actual.equalsIgnoreCase(checksum)) {
      return Problem.of(
          file.toString(),
          checksumType + " is " + actual + " but repomd.xml says '" + checksum + "'");
    }
    if (size >= 0 && size != n) {
      return Problem.of(file.toString(), "size is " + n + " but repomd.xml says " + size);
    }
    return null;
  }

  static String algorithm(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "sha", "sha1" -> "SHA-1";
      case "sha224" -> "SHA-224";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      case "md5" -> "MD5";
      default -> throw new IllegalArgumentException(type);
    };
  }
}
