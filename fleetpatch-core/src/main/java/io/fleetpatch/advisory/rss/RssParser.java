package io.fleetpatch.advisory.rss;

import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.Warnings;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.xml.SafeXmlReader;
import io.fleetpatch.xml.XmlLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Amazon Linux Security Center RSS feed (RSS 2.0, {@code <rss><channel><item><title>
 * <description><pubDate><lastBuildDate><guid><link>}) into {@link RssItem}s.
 *
 * <p>The feeds name advisories differently from updateinfo.xml: the release is in the link's folder
 * and missing from the id. The id is mapped by inserting the release after "ALAS":
 *
 * <table>
 *   <caption>RSS → updateinfo id</caption>
 *   <tr><th>link</th><th>RSS id</th><th>updateinfo id</th><th>source</th></tr>
 *   <tr><td>/ALAS-2011-1.html (AL1)</td><td>ALAS-2011-1</td><td>ALAS-2011-1</td>
 *       <td>1/amzn-updates</td></tr>
 *   <tr><td>/AL2/ALAS-2018-1106.html</td><td>ALAS-2018-1106</td><td>ALAS2-2018-1106</td>
 *       <td>2/amzn2-core</td></tr>
 *   <tr><td>/AL2/ALASKERNEL-5.10-2022-001.html</td><td>ALASKERNEL-5.10-2022-001</td>
 *       <td>ALAS2KERNEL-5.10-2022-001</td><td>2/amzn2extra-kernel-5.10</td></tr>
 *   <tr><td>/AL2022/ALAS-2021-001.html</td><td>ALAS-2021-001</td><td>ALAS2022-2021-001</td>
 *       <td>2022/amazonlinux</td></tr>
 *   <tr><td>/AL2023/ALAS-2023-126.html</td><td>ALAS-2023-126</td><td>ALAS2023-2023-126</td>
 *       <td>2023/amazonlinux</td></tr>
 *   <tr><td>/AL2023/ALASLIVEPATCH-2023-001.html</td><td>ALASLIVEPATCH-2023-001</td>
 *       <td>ALAS2023LIVEPATCH-2023-001</td><td>2023/kernel-livepatch</td></tr>
 * </table>
 *
 * An id that already carries the release is kept. Items whose title or link cannot be read are
 * warnings (with the line) and skipped; the channel must be an RSS one.
 */
public final class RssParser {
  private static final Pattern TITLE =
      Pattern.compile("(ALAS[A-Z0-9.-]*?-\\d{4}-\\d+)\\s*\\(([^)]*)\\)\\s*:\\s*(.*)");
  private static final Pattern FOLDER =
      Pattern.compile("https?://[^/]+/(?:(AL\\d+)/)?(ALAS[^/]*?)\\.html");
  private static final Pattern TOPIC =
      Pattern.compile("ALAS(?:\\d+)?([A-Z][A-Z0-9.-]*)?-\\d{4}-\\d+");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private final XmlLimits limits;

  public RssParser() {
    this(XmlLimits.DEFAULT);
  }

  public RssParser(XmlLimits limits) {
    this.limits = limits;
  }

  public RssFeed read(Path file) {
    try (SafeXmlReader xml = SafeXmlReader.open(file, limits)) {
      String root = xml.root();
      if (!root.equals("rss")) {
        throw xml.fail("not an RSS feed: the root element is <" + root + ">, not <rss>");
      }
      Warnings warnings = new Warnings(xml.source());
      List<RssItem> items = new ArrayList<>();
      while (xml.nextChild(1)) {
        if (xml.name().equals("channel")) {
          while (xml.nextChild(2)) {
            if (xml.name().equals("item")) {
              RssItem item = item(xml, warnings);
              if (item != null) {
                items.add(item);
              }
            }
          }
        }
      }
      xml.finish();
      return new RssFeed(items, warnings.list());
    }
  }

  private static RssItem item(SafeXmlReader xml, Warnings warnings) {
    String line = xml.where();
    String title = "";
    String description = "";
    String link = "";
    String guid = "";
    Instant published = null;
    Instant updated = null;
    while (xml.nextChild(3)) {
      switch (xml.name()) {
        case "title" -> title = xml.text().trim();
        case "description" -> description = xml.text();
        case "link" -> link = xml.text().trim();
        case "guid" -> guid = xml.text().trim();
        case "pubDate" -> published = date(xml, warnings);
        case "lastBuildDate" -> updated = date(xml, warnings);
        default -> {
          // category, author
        }
      }
    }
    Matcher t = TITLE.matcher(title);
    if (!t.matches()) {
      warnings.add(
          Problem.at(
              xml.source(),
              line,
              "item title '"
                  + title
                  + "' is not 'ALAS-YYYY-NNN (severity): package'; item skipped"));
      return null;
    }
    String rssId = t.group(1);
    String url = link.isEmpty() ? guid : link;
    Matcher f = FOLDER.matcher(url);
    if (!f.matches()) {
      warnings.add(
          Problem.at(
              xml.source(),
              line,
              rssId
                  + ": link '"
                  + url
                  + "' does not tell the release (https://alas.aws.amazon.com/[ALn/]ID.html); item skipped"));
      return null;
    }
    String folder = f.group(1);
    String release = folder == null ? "1" : folder.substring(2);
    String id = updateinfoId(rssId, release);
    List<String> cves = new ArrayList<>();
    for (String token : description.split("[,\\s]+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (CVE.matcher(token).matches()) {
        cves.add(token);
      } else {
        warnings.add(
            Problem.at(
                xml.source(),
                line,
                rssId + ": '" + token + "' in the description is not a CVE id"));
      }
    }
    String severity = t.group(2).trim();
    return new RssItem(
        id,
        rssId,
        source(id, release),
        Severity.normalise(severity),
        severity,
        t.group(3).trim(),
        cves,
        published,
        updated,
        url);
  }

  /** ALAS-2018-1106 under /AL2/ → ALAS2-2018-1106 (see the class table). */
  static String updateinfoId(String rssId, String release) {
    if (release.equals("1") || rssId.startsWith("ALAS" + release)) {
      return rssId;
    }
    return "ALAS" + release + rssId.substring(4);
  }

  /**
   * The repo of an updateinfo id: core, or the topic after the release (KERNEL-5.10, LIVEPATCH).
   */
  static AdvisorySource source(String id, String release) {
    Matcher m =
        TOPIC.matcher(
            id.substring(0, 4) + id.substring(4 + (release.equals("1") ? 0 : release.length())));
    String topic = m.matches() && m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT) : null;
    return switch (release) {
      case "1" -> new AdvisorySource("1", "amzn-updates");
      case "2" -> new AdvisorySource("2", topic == null ? "amzn2-core" : "amzn2extra-" + topic);
      default ->
          new AdvisorySource(
              release,
              topic == null
                  ? "amazonlinux"
                  : topic.equals("livepatch") ? "kernel-livepatch" : topic);
    };
  }

  private static Instant date(SafeXmlReader xml, Warnings warnings) {
    String where = xml.where();
    String d = xml.text().trim();
    try {
      return ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      warnings.add(
          Problem.at(xml.source(), where, "date '" + d + "' is not an RFC 822 date; left empty"));
      return null;
    }
  }
}
