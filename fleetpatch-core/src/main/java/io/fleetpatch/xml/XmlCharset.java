package io.fleetpatch.xml;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the character encoding of an XML document the way XML 1.0 Appendix F ("Autodetection of
 * Character Encodings") does, from a byte order mark or the {@code encoding} of the XML declaration
 * (UTF-8 when there is neither), and decodes it strictly: a byte sequence that is not valid in that
 * encoding is an {@link java.nio.charset.MalformedInputException}.
 */
final class XmlCharset {
  private static final Pattern DECLARED =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

  private XmlCharset() {}

  static Reader reader(InputStream in, String source) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 8192);
    b.mark(512);
    byte[] head = b.readNBytes(512);
    b.reset();
    Charset cs = detect(head, source);
    if (head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      b.skipNBytes(3); // the UTF-8 BOM is not part of the document
    }
    return new InputStreamReader(
        b,
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  static Charset detect(byte[] head, String source) {
    if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16; // BOM, consumed by the UTF-16 decoder
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16;
    }
    Matcher m = DECLARED.matcher(new String(head, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(m.group(1));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ProblemException(
          Problem.at(source, "line 1", "unsupported encoding '" + m.group(1) + "'"), e);
    }
  }
}
