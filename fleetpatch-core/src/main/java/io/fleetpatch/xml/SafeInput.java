package io.fleetpatch.xml;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens a (possibly compressed) metadata file as a bounded stream of its decompressed bytes.
 *
 * <ul>
 *   <li>The compression is told by the magic bytes ({@link Compression#detect}), never by the name.
 *       A name that claims a compression the bytes do not have ({@code updateinfo.xml.gz} holding
 *       plain XML, a half-written download, a mirror's HTML error page) is a problem: the file is
 *       not what it says it is.
 *   <li>Concatenated gzip members and bzip2 streams are read to the end, as gzip(1) and bzip2(1)
 *       do.
 *   <li>The decompressed size is capped ({@link XmlLimits#maxDecompressedBytes}) and so is the
 *       distance between two {@code '<'} bytes ({@link XmlLimits#maxTokenBytes}), which bounds
 *       every attribute value and text run before an XML parser buffers it.
 *   <li>Corrupt or truncated compressed data surfaces as an {@link IOException} from {@code read}.
 * </ul>
 *
 * Reading past a limit throws {@link InputProblemException} (an IOException carrying the {@link
 * Problem}).
 */
public final class SafeInput extends FilterInputStream {
  private final String source;
  private final Compression compression;
  private final XmlLimits limits;
  private long count;
  private long sinceLt;

  private SafeInput(InputStream in, String source, Compression compression, XmlLimits limits) {
    super(in);
    this.source = source;
    this.compression = compression;
    this.limits = limits;
  }

  /** Opens a file; the name's suffix is checked against the magic bytes. */
  public static SafeInput open(Path file, XmlLimits limits) {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ProblemException(Problem.of(file.toString(), "no such file"), e);
    } catch (IOException e) {
      throw new ProblemException(Problem.of(file.toString(), "cannot read: " + e.getMessage()), e);
    }
    try {
      return open(
          raw, file.toString(), Compression.claimedBy(file.getFileName().toString()), limits);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  /**
   * Opens a stream; it is closed when the result is.
   *
   * @param source the name problems carry (a path, URL or "stdin")
   * @param claimed the compression the name claims, or {@link Compression#NONE} to trust the magic
   */
  public static SafeInput open(
      InputStream raw, String source, Compression claimed, XmlLimits limits) {
    BufferedInputStream buffered = new BufferedInputStream(raw, 65536);
    byte[] head = new byte[Compression.MAGIC_LENGTH];
    int n;
    try {
      buffered.mark(head.length);
      n = buffered.readNBytes(head, 0, head.length);
      buffered.reset();
    } catch (IOException e) {
      throw new ProblemException(Problem.of(source, "cannot read: " + e.getMessage()), e);
    }
    Compression detected = Compression.detect(head, n);
    if (n == 0) {
      throw new ProblemException(Problem.of(source, "empty file"));
    }
    if (claimed != Compression.NONE && detected != claimed) {
      throw new ProblemException(
          Problem.of(
              source,
              "the name says "
                  + claimed
                  + " ("
                  + claimed.suffix()
                  + ") but the content is "
                  + detected
                  + (detected == Compression.NONE ? ", starting '" + printable(head, n) + "'" : "")
                  + ": not the file it claims to be"));
    }
    InputStream decompressed;
    try {
      decompressed =
          switch (detected) {
            case NONE -> buffered;
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
            case XZ -> new XZCompressorInputStream(buffered, true);
            case ZSTD -> new ZstdCompressorInputStream(buffered);
          };
    } catch (IOException e) {
      throw new ProblemException(
          Problem.at(source, "offset 0", detected + " header is corrupt: " + e.getMessage()), e);
    }
    return new SafeInput(decompressed, source, detected, limits);
  }

  /** The compression the magic bytes showed. */
  public Compression compression() {
    return compression;
  }

  public String source() {
    return source;
  }

  /** Decompressed bytes read so far. */
  public long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n <= 0) {
      return n;
    }
    count += n;
    if (count > limits.maxDecompressedBytes()) {
      throw new InputProblemException(
          Problem.at(
              source,
              "offset " + limits.maxDecompressedBytes(),
              (compression == Compression.NONE ? "file is" : compression + " data decompresses to")
                  + " more than "
                  + limits.maxDecompressedBytes()
                  + " bytes, the limit (a decompression bomb, or not a metadata file)"));
    }
    for (int i = off; i < off + n; i++) {
      if (b[i] == '<') {
        sinceLt = 0;
      } else if (++sinceLt > limits.maxTokenBytes()) {
        throw new InputProblemException(
            Problem.at(
                source,
                "offset " + (count - n + (i - off)),
                "more than "
                    + limits.maxTokenBytes()
                    + " bytes without a '<': an attribute value or text longer than the limit"));
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Reads the rest of the stream so that the compression's trailer (gzip CRC-32 and size, xz and
   * zstd checksums) is verified even when the document ended before it.
   */
  public void drain() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // read to the end: the decompressor checks the trailer at EOF
    }
  }

  private static String printable(byte[] head, int n) {
    String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= ' ' && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // already failing; the first problem is the one to report
    }
  }
}
