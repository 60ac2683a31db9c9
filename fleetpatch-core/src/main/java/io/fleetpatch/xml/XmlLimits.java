package io.fleetpatch.xml;

/**
 * Bounds that keep a parser's time and memory in proportion to sane input, whatever the input is.
 * Exceeding one is a {@link io.fleetpatch.problem.ProblemException} that names the limit.
 *
 * @param maxDecompressedBytes the most bytes a (decompressed) document may have; the largest real
 *     updateinfo, AL2 core, is about 10 MB, Alibaba's and Alma's full OVAL files a few hundred MB
 * @param maxTokenBytes the most bytes between two {@code '<'}: bounds any attribute value or text
 *     run before the XML parser buffers it (a '<' cannot occur inside either)
 * @param maxTextChars the most characters of one element's text
 * @param maxDepth the deepest element nesting
 */
public record XmlLimits(
    long maxDecompressedBytes, int maxTokenBytes, int maxTextChars, int maxDepth) {
  /** 2 GiB documents, 16 MiB tokens, 4 Mi characters of text, 64 levels. */
  public static final XmlLimits DEFAULT = new XmlLimits(2L << 30, 16 << 20, 4 << 20, 64);

  public XmlLimits {
    if (maxDecompressedBytes <= 0 || maxTokenBytes <= 0 || maxTextChars <= 0 || maxDepth <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public XmlLimits withMaxDecompressedBytes(long bytes) {
    return new XmlLimits(bytes, maxTokenBytes, maxTextChars, maxDepth);
  }

  public XmlLimits withMaxTokenBytes(int bytes) {
    return new XmlLimits(maxDecompressedBytes, bytes, maxTextChars, maxDepth);
  }
}
