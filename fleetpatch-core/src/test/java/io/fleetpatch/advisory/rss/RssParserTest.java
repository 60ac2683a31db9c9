package io.fleetpatch.advisory.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RssParserTest {
  private static final String DIR = "amazon/vunnel/tests/unit/providers/amazon/test-fixtures/";

  @Test
  void al2FeedExcerpt() {
    RssFeed feed = new RssParser().read(SharedData.data(DIR + "mock_rss"));
    assertThat(feed.items()).hasSize(97);
    assertThat(feed.warnings()).isEmpty();
    RssItem first = feed.items().get(0);
    assertThat(first.id()).isEqualTo("ALAS2-2018-1106");
    assertThat(first.rssId()).isEqualTo("ALAS-2018-1106");
    assertThat(first.source()).isEqualTo(new AdvisorySource("2", "amzn2-core"));
    assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(first.packageName()).isEqualTo("389-ds-base");
    assertThat(first.cves()).containsExactly("CVE-2018-14648");
    assertThat(first.published()).isEqualTo(Instant.parse("2018-11-15T00:10:00Z"));
    assertThat(feed.items()).extracting(RssItem::severity).doesNotContain(Severity.UNKNOWN);
    assertThat(
            feed.items().stream()
                .filter(i -> i.rssId().equals("ALAS-2018-1102"))
                .findFirst()
                .orElseThrow()
                .cves())
        .containsExactly("CVE-2017-3735", "CVE-2018-0495", "CVE-2018-0732", "CVE-2018-0739");
  }

  /**
   * Every RSS item that updateinfo also has agrees on severity and CVEs: the id mapping is right.
   */
  @Test
  void rssIdsMapToTheUpdateinfoIds() {
    Map<String, Advisory> core =
        new UpdateinfoParser()
                .read(
                    SharedData.data("amazon/updateinfo/amzn2-core/updateinfo.xml.gz"), "amzn2-core")
                .advisories()
                .stream()
                .collect(Collectors.toMap(Advisory::id, Function.identity()));
    RssFeed feed = new RssParser().read(SharedData.data(DIR + "mock_rss"));
    int found = 0;
    for (RssItem item : feed.items()) {
      Advisory a = core.get(item.id());
      if (a != null) {
        found++;
        assertThat(item.severity()).as(item.id()).isEqualTo(a.severity());
        assertThat(a.cves()).as(item.id()).containsAll(item.cves());
        assertThat(item.source()).isEqualTo(a.source());
      }
    }
    assertThat(found).as("items found in amzn2-core updateinfo").isGreaterThan(90);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file           | updateinfo id      | source            | cves | updated
          input/2_rss.xml    | ALAS2-2018-939     | 2/amzn2-core      | 2    | 2018-01-16T01:28:00Z
          input/2022_rss.xml | ALAS2022-2021-001  | 2022/amazonlinux  | 4    | 2021-10-27T00:24:00Z
          input/2023_rss.xml | ALAS2023-2023-126  | 2023/amazonlinux  | 3    | 2023-03-08T00:51:00Z
          """)
  void oneItemFeeds(String file, String id, String source, int cves, String updated) {
    RssFeed feed = new RssParser().read(SharedData.data(DIR + file));
    RssItem item = feed.items().get(0);
    assertThat(item.id()).isEqualTo(id);
    assertThat(item.source()).isEqualTo(AdvisorySource.parse(source));
    assertThat(item.cves()).hasSize(cves);
    assertThat(item.updated()).isEqualTo(Instant.parse(updated));
    Advisory a = item.toAdvisory();
    assertThat(a.id()).isEqualTo(id);
    assertThat(a.packages()).isEmpty();
    assertThat(a.cves()).isEqualTo(item.cves());
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({
    "ALAS-2011-1, 1, ALAS-2011-1, 1/amzn-updates",
    "ALASKERNEL-5.10-2022-001, 2, ALAS2KERNEL-5.10-2022-001, 2/amzn2extra-kernel-5.10",
    "ALASLIVEPATCH-2023-001, 2023, ALAS2023LIVEPATCH-2023-001, 2023/kernel-livepatch",
    "ALAS2023-2023-001, 2023, ALAS2023-2023-001, 2023/amazonlinux",
  })
  void idMapping(String rssId, String release, String id, String source) {
    assertThat(RssParser.updateinfoId(rssId, release)).isEqualTo(id);
    assertThat(RssParser.source(id, release)).isEqualTo(AdvisorySource.parse(source));
  }

  @Test
  void unreadableItemsAreWarnings(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("alas.rss");
    Files.writeString(
        f,
        """
        <rss><channel>
        <item><title>Something else</title><link>https://alas.aws.amazon.com/AL2/X.html</link></item>
        <item><title>ALAS-2020-1 (low): x</title><link>https://example.com/</link></item>
        <item><title>ALAS-2020-2 (low): y</title><description>CVE-2020-1234, TBD</description><pubDate>yesterday</pubDate><link>https://alas.aws.amazon.com/AL2/ALAS-2020-2.html</link></item>
        </channel></rss>
        """);
    RssFeed feed = new RssParser().read(f);
    assertThat(feed.items()).extracting(RssItem::id).containsExactly("ALAS2-2020-2");
    assertThat(feed.warnings())
        .hasSize(4)
        .allSatisfy(w -> assertThat(w.where()).startsWith("line "));
    assertThatThrownBy(
            () -> new RssParser().read(SharedData.data(DIR + "input/2_html/ALAS-2018-939")))
        .isInstanceOf(ProblemException.class);
  }
}
