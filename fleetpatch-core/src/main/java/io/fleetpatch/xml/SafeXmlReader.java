package io.fleetpatch.xml;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A pull reader over untrusted XML: the JDK's StAX parser with DTDs and external entities off (a
 * {@code <!DOCTYPE} is rejected outright, which also stops "billion laughs"), element depth and
 * text length bounded by {@link XmlLimits}, and every error turned into a {@link ProblemException}
 * that names the source and line (OWASP XML External Entity Prevention Cheat Sheet, "Java:
 * XMLInputFactory (a StAX parser)").
 *
 * <p>Navigation is by depth: the root element has depth 1. {@link #nextChild(int)} moves to the
 * next child element of the element at the given depth, skipping anything not consumed.
 */
public final class SafeXmlReader implements AutoCloseable {
  private final SafeInput input;
  private final XMLStreamReader reader;
  private final XmlLimits limits;
  private int depth;
  private int event;

  private SafeXmlReader(SafeInput input, XMLStreamReader reader, XmlLimits limits) {
    this.input = input;
    this.reader = reader;
    this.limits = limits;
  }

  /** Opens a file (any compression, see {@link SafeInput}). */
  public static SafeXmlReader open(Path file, XmlLimits limits) {
    return open(SafeInput.open(file, limits), limits);
  }

  /** Reads XML from an opened input; closing the reader closes it. */
  public static SafeXmlReader open(SafeInput input, XmlLimits limits) {
    try {
      // the parser closes its stream at the end of the document; the trailer check in finish()
      // still needs it, so the parser gets a view whose close() does nothing
      InputStream view =
          new FilterInputStream(input) {
            @Override
            public void close() {
              // closed by SafeXmlReader.close()
            }
          };
      return new SafeXmlReader(input, factory().createXMLStreamReader(view), limits);
    } catch (XMLStreamException e) {
      closeQuietly(input);
      throw translate(input.source(), e);
    } catch (RuntimeException e) {
      closeQuietly(input);
      throw e;
    }
  }

  static XMLInputFactory factory() {
    // the JDK's own implementation, whatever else is on the class path
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external entity '" + systemId + "' refused");
        });
    return f;
  }

  public String source() {
    return input.source();
  }

  /** The compression the input had. */
  public Compression compression() {
    return input.compression();
  }

  /**
   * Depth of the current element: 1 at the root's start tag, one less than the element's depth at
   * an end tag, 0 outside the root.
   */
  public int depth() {
    return depth;
  }

  /** "line N" of the current event, for problems. */
  public String where() {
    Location l = reader.getLocation();
    return l == null || l.getLineNumber() < 0 ? "" : "line " + l.getLineNumber();
  }

  /** Local name of the current element. */
  public String name() {
    return reader.getLocalName();
  }

  /** An attribute of the current element by local name (any namespace), or null. */
  public String attr(String localName) {
    int n = reader.getAttributeCount();
    for (int i = 0; i < n; i++) {
      if (reader.getAttributeLocalName(i).equals(localName)) {
        return reader.getAttributeValue(i);
      }
    }
    return null;
  }

  /** A problem at the current place. */
  public Problem problem(String message) {
    return Problem.at(source(), where(), message);
  }

  /** Throws a problem at the current place. */
  public ProblemException fail(String message) {
    return new ProblemException(problem(message));
  }

  /** Advances to the root element and returns its local name. */
  public String root() {
    while (true) {
      int e = next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        return name();
      }
      if (e == XMLStreamConstants.END_DOCUMENT) {
        throw fail("no root element");
      }
    }
  }

  /**
   * Moves to the next child element of the open element at {@code parentDepth}, skipping whatever
   * of the current element was not read. Returns false once the parent's end tag is read.
   */
  public boolean nextChild(int parentDepth) {
    if (depth < parentDepth) {
      return false;
    }
    while (true) {
      int e = next();
      if (e == XMLStreamConstants.START_ELEMENT && depth == parentDepth + 1) {
        return true;
      }
      if (e == XMLStreamConstants.END_ELEMENT && depth < parentDepth) {
        return false;
      }
      if (e == XMLStreamConstants.END_DOCUMENT) {
        return false;
      }
    }
  }

  /**
   * The text of the current element (child elements' text included), read up to its end tag. Fails
   * when longer than {@link XmlLimits#maxTextChars}.
   */
  public String text() {
    if (event != XMLStreamConstants.START_ELEMENT) {
      throw new IllegalStateException("text() needs a start tag, not event " + event);
    }
    int own = depth;
    String name = reader.getLocalName();
    StringBuilder b = new StringBuilder();
    while (true) {
      int e = next();
      switch (e) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (b.length() + reader.getTextLength() > limits.maxTextChars()) {
            throw fail(
                "text of <"
                    + name
                    + "> longer than "
                    + limits.maxTextChars()
                    + " characters, the limit");
          }
          b.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth < own) {
            return b.toString();
          }
        }
        case XMLStreamConstants.END_DOCUMENT -> throw fail("document ended inside an element");
        default -> {
          // comments, processing instructions, nested start tags: their text is collected above
        }
      }
    }
  }

  /** The next event, with depth tracking, limits and DTD refusal. */
  public int next() {
    try {
      if (!reader.hasNext()) {
        return event = XMLStreamConstants.END_DOCUMENT;
      }
      event = reader.next();
    } catch (XMLStreamException e) {
      throw translate(source(), e);
    } catch (RuntimeException e) {
      // the JDK parser wraps some I/O errors in unchecked exceptions
      ProblemException p = fromCause(source(), e);
      if (p != null) {
        throw p;
      }
      throw e;
    }
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> {
        if (++depth > limits.maxDepth()) {
          throw fail("elements nested deeper than " + limits.maxDepth() + ", the limit");
        }
      }
      case XMLStreamConstants.END_ELEMENT -> depth--;
      case XMLStreamConstants.DTD ->
          throw fail("a <!DOCTYPE> is not allowed (DTDs and entities are refused)");
      case XMLStreamConstants.ENTITY_REFERENCE ->
          throw fail("entity reference &" + reader.getLocalName() + "; is not allowed");
      default -> {
        // other events need no checks
      }
    }
    return event;
  }

  /**
   * Reads the rest of the input after the document so that the compression's trailer (gzip CRC-32,
   * xz and zstd checksums) is checked. Call after the root element has ended.
   */
  public void finish() {
    try {
      while (reader.hasNext() && event != XMLStreamConstants.END_DOCUMENT) {
        next();
      }
      input.drain();
    } catch (XMLStreamException e) {
      throw translate(source(), e);
    } catch (InputProblemException e) {
      throw new ProblemException(e.problem(), e);
    } catch (IOException e) {
      throw new ProblemException(
          Problem.at(
              source(),
              "offset " + input.count(),
              input.compression() + " data is corrupt or truncated: " + e.getMessage()),
          e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // nothing left to report
    }
    closeQuietly(input);
  }

  private static ProblemException translate(String source, XMLStreamException e) {
    ProblemException p = fromCause(source, e);
    if (p != null) {
      return p;
    }
    Location l = e.getLocation();
    String where = l == null || l.getLineNumber() < 0 ? "" : "line " + l.getLineNumber();
    return new ProblemException(Problem.at(source, where, "not well-formed XML: " + clean(e)), e);
  }

  /** A problem from an I/O error somewhere in the cause chain, or null. */
  private static ProblemException fromCause(String source, Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof InputProblemException ip) {
        return new ProblemException(ip.problem(), e);
      }
      if (t instanceof IOException io) {
        return new ProblemException(
            Problem.of(
                source,
                "compressed data is corrupt or truncated: "
                    + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage())),
            e);
      }
    }
    return null;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof XMLStreamException x && x.getNestedException() != null) {
      return x.getNestedException() == t ? null : x.getNestedException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String clean(XMLStreamException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int i = m.indexOf("Message: ");
    return (i >= 0 ? m.substring(i + 9) : m).replace('\n', ' ').trim();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already failing
    }
  }
}
