package io.fleetpatch.advisory;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.InputProblemException;
import io.fleetpatch.xml.SafeInput;
import io.fleetpatch.xml.XmlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of feed file the parsers read, told from the (decompressed) content rather than the
 * name, so that {@code fleetpatch advisories import FILE} can pick the parser:
 *
 * <ul>
 *   <li>XML by its root element: {@code <updates>} updateinfo, {@code <repomd>} repomd.xml, {@code
 *       <oval_definitions>} OVAL, {@code <rss>} ALAS RSS;
 *   <li>JSON with a {@code "vulnerabilities"} member: CISA KEV;
 *   <li>CSV by its header: {@code cveID,...} CISA KEV, {@code cve,epss[,percentile]} (after an
 *       optional {@code #model_version} line) EPSS.
 * </ul>
 */
public enum FeedFormat {
  UPDATEINFO,
  REPOMD,
  OVAL,
  RSS,
  KEV_JSON,
  KEV_CSV,
  EPSS_CSV;

  private static final int HEAD = 64 * 1024;
  private static final Pattern ROOT =
      Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)[\\s/>]");

  /**
   * Detects the format of a file (any compression).
   *
   * @throws ProblemException naming the file when it is none of them
   */
  public static FeedFormat detect(Path file) {
    String head;
    try (SafeInput in =
        SafeInput.open(file, XmlLimits.DEFAULT.withMaxTokenBytes(Integer.MAX_VALUE))) {
      head = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
    } catch (InputProblemException e) {
      throw new ProblemException(e.problem(), e);
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(file.toString(), "cannot read (corrupt compressed data?): " + e.getMessage()),
          e);
    }
    String s = head.replace("\uFEFF", "").stripLeading();
    if (s.startsWith("<")) {
      String root = rootElement(s);
      if (root != null) {
        switch (root) {
          case "updates":
            return UPDATEINFO;
          case "repomd":
            return REPOMD;
          case "oval_definitions":
            return OVAL;
          case "rss":
            return RSS;
          default:
            throw unknown(file, "XML with root element <" + root + ">");
        }
      }
    } else if (s.startsWith("{")) {
      if (s.contains("\"vulnerabilities\"") || s.contains("\"catalogVersion\"")) {
        return KEV_JSON;
      }
      throw unknown(file, "JSON without \"vulnerabilities\"");
    } else {
      String[] lines = s.split("\r?\n", 3);
      String header = lines[0].startsWith("#") && lines.length > 1 ? lines[1] : lines[0];
      String h = header.replace("\"", "").trim();
      if (h.startsWith("cveID,") || h.contains(",cveID,")) {
        return KEV_CSV;
      }
      if (h.equals("cve,epss") || h.startsWith("cve,epss,")) {
        return EPSS_CSV;
      }
    }
    String start = s.length() > 40 ? s.substring(0, 40) : s;
    throw unknown(file, "content starting '" + start.replaceAll("[\\p{Cntrl}]", "?") + "'");
  }

  private static String rootElement(String s) {
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("<?", i)) {
        i = skip(s, i, "?>");
      } else if (s.startsWith("<!--", i)) {
        i = skip(s, i, "-->");
      } else if (s.startsWith("<!", i)) {
        i = skip(s, i, ">");
      } else if (s.charAt(i) == '<') {
        Matcher m = ROOT.matcher(s);
        return m.find(i) && m.start() == i ? m.group(1) : null;
      } else {
        i++;
      }
      if (i < 0) {
        return null;
      }
    }
    return null;
  }

  private static int skip(String s, int from, String end) {
    int e = s.indexOf(end, from);
    return e < 0 ? -1 : e + end.length();
  }

  private static ProblemException unknown(Path file, String what) {
    return new ProblemException(
        Problem.of(
            file.toString(),
            "not a feed fleetpatch reads (updateinfo, repomd.xml, OVAL, ALAS RSS, CISA KEV, EPSS): "
                + what));
  }
}
