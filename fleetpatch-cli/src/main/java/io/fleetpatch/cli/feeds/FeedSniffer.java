package io.fleetpatch.cli.feeds;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Tells a feed file's kind from its first bytes, whatever the compression (gzip, bzip2, xz, zstd,
 * told by their magic numbers: RFC 1952 §2.3.1 1f 8b; bzip2 "BZh"; xz 5.2 spec §2.1.1.1 fd 37 7a 58
 * 5a 00; RFC 8878 §3.1.1 28 b5 2f fd).
 */
public final class FeedSniffer {
  private static final int PEEK = 16 * 1024;

  private FeedSniffer() {}

  public static FileKind kind(Path file) {
    String head = peek(file);
    String s = head.startsWith("\uFEFF") ? head.substring(1) : head;
    s = s.stripLeading();
    if (s.startsWith("{") || s.startsWith("[")) {
      if (s.contains("\"vulnerabilities\"") || s.contains("\"catalogVersion\"")) {
        return FileKind.KEV;
      }
      throw unknown(file, "JSON that is not a CISA KEV catalogue (no \"vulnerabilities\")");
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("#model_version") || lower.startsWith("cve,epss")) {
      return FileKind.EPSS;
    }
    if (s.startsWith("<")) {
      String root = rootElement(s);
      switch (root) {
        case "updates":
          return FileKind.UPDATEINFO;
        case "repomd":
          return FileKind.REPOMD;
        case "oval_definitions":
          return FileKind.OVAL;
        case "rss":
          return FileKind.RSS;
        case "":
          throw unknown(file, "XML whose root element could not be found in the first 16 KiB");
        default:
          throw unknown(file, "XML with root element <" + root + ">");
      }
    }
    String first = s.lines().findFirst().orElse("");
    throw unknown(
        file,
        "not updateinfo, repomd.xml, OVAL, RSS, KEV JSON or EPSS CSV; it starts with '"
            + (first.length() > 40 ? first.substring(0, 40) + "..." : first)
            + "'");
  }

  private static ProblemException unknown(Path file, String what) {
    return new ProblemException(Problem.of(file.toString(), "unknown feed format: " + what));
  }

  /** The local name of the first element, after the XML declaration, comments and DOCTYPE. */
  static String rootElement(String s) {
    int i = 0;
    while (i < s.length()) {
      int lt = s.indexOf('<', i);
      if (lt < 0 || lt + 1 >= s.length()) {
        return "";
      }
      char c = s.charAt(lt + 1);
      if (c == '?') {
        i = end(s, lt, "?>");
      } else if (s.startsWith("<!--", lt)) {
        i = end(s, lt, "-->");
      } else if (c == '!') {
        i = end(s, lt, ">");
      } else {
        int j = lt + 1;
        while (j < s.length()
            && !Character.isWhitespace(s.charAt(j))
            && s.charAt(j) != '>'
            && s.charAt(j) != '/') {
          j++;
        }
        String name = s.substring(lt + 1, j);
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
      }
      if (i < 0) {
        return "";
      }
    }
    return "";
  }

  private static int end(String s, int from, String token) {
    int e = s.indexOf(token, from);
    return e < 0 ? -1 : e + token.length();
  }

  private static String suffixCompression(Path file) {
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

  private static String magicCompression(byte[] m) {
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

  private static String peek(Path file) {
    byte[] buf = new byte[PEEK];
    int n = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = decompressing(raw, file)) {
      int r;
      while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
      }
    } catch (NoSuchFileException e) {
      throw new ProblemException(Problem.of(file.toString(), "no such file"));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(file.toString(), "cannot read compressed data: " + e.getMessage()), e);
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  private static InputStream decompressing(InputStream in, Path file) throws IOException {
    in.mark(8);
    byte[] m = in.readNBytes(6);
    in.reset();
    String suffixed = suffixCompression(file);
    String actual = magicCompression(m);
    // librepo and libsolv pick the decompressor by the file name's suffix (libsolv
    // ext/solv_xfopen.c solv_xfopen): a ".gz" that is not gzip data fails there, so it does here
    if (suffixed != null && !suffixed.equals(actual)) {
      throw new ProblemException(
          Problem.at(
              file.toString(),
              "offset 0",
              "the name says "
                  + suffixed
                  + " but the data is "
                  + (actual == null ? "not compressed" : actual)));
    }
    if (actual == null) {
      return in;
    }
    return switch (actual) {
      case "gzip" -> new GzipCompressorInputStream(in, true);
      case "bzip2" -> new BZip2CompressorInputStream(in, true);
      case "xz" -> new XZCompressorInputStream(in, true);
      default -> new ZstdCompressorInputStream(in);
    };
  }
}
