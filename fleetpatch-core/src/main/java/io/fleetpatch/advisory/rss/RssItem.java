package io.fleetpatch.advisory.rss;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One ALAS RSS bulletin ({@code https://alas.aws.amazon.com/AL2/alas.rss} and siblings): an early
 * warning that an advisory exists, often before the repository's updateinfo.xml carries it, with no
 * package list.
 *
 * @param id the advisory id as updateinfo names it (ALAS2-2018-1106, ALAS2023-2023-126,
 *     ALAS2KERNEL-5.10-2022-001), see {@link RssParser}
 * @param rssId the id as the feed wrote it (ALAS-2018-1106)
 * @param source the release and repo the updateinfo id belongs to
 * @param severity normalised severity
 * @param severityText as the title wrote it ("important")
 * @param packageName the source package the title names ("389-ds-base")
 * @param cves the CVE ids of the description, sorted and distinct
 * @param published the item's pubDate, or null
 * @param updated the item's lastBuildDate, or null
 * @param link the bulletin's web page
 */
public record RssItem(
    String id,
    String rssId,
    AdvisorySource source,
    Severity severity,
    String severityText,
    String packageName,
    List<String> cves,
    Instant published,
    Instant updated,
    String link) {
  public RssItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rssId, "rssId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(severity, "severity");
    severityText = severityText == null ? "" : severityText;
    packageName = packageName == null ? "" : packageName;
    cves = cves.stream().distinct().sorted().toList();
    link = link == null ? "" : link;
  }

  /**
   * The bulletin as a security {@link Advisory} without packages: it names the CVEs and the
   * severity but cannot be matched against hosts until updateinfo lists the fixed builds.
   */
  public Advisory toAdvisory() {
    return new Advisory(
        id,
        source,
        AdvisoryType.SECURITY,
        severity,
        severityText,
        published,
        updated,
        rssId + " (" + severityText + "): " + packageName,
        "",
        cves,
        link.isEmpty() ? List.of() : List.of(new Reference("self", rssId, link, "")),
        List.of(),
        false,
        "");
  }
}
