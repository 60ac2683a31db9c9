package io.fleetpatch.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedFormatTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "amazon/updateinfo/amzn2-core/updateinfo.xml.gz, UPDATEINFO",
    "el-family/vuln-list-update/rocky/testdata/fixtures/happy/updateinfo.xml, UPDATEINFO",
    "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_valid.xml, REPOMD",
    "alinux-oval/happy/alinux-4.oval.xml, OVAL",
    "el-family/vuls-data-update/pkg/fetch/alma/oval/testdata/fixtures/org.almalinux.alsa-9.xml.bz2, OVAL",
    "amazon/vunnel/tests/unit/providers/amazon/test-fixtures/mock_rss, RSS",
    "kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.json, KEV_JSON",
    "kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.csv, KEV_CSV",
    "kev-epss/vuls-data-update/pkg/fetch/epss/testdata/fixtures/epss_scores-2021-04-14.csv.gz, EPSS_CSV",
    "kev-epss/vuls-data-update/pkg/fetch/epss/testdata/fixtures/epss_scores-2023-03-07.csv.gz, EPSS_CSV",
  })
  void detectsTheFormatFromTheContent(String file, FeedFormat expected) {
    assertThat(FeedFormat.detect(SharedData.data(file))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "amazon/vunnel/tests/unit/providers/amazon/test-fixtures/input/2_html/ALAS-2018-939, not a feed fleetpatch reads",
    "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/extras-catalog_valid.json, JSON without",
    "el-family/vuln-list-update/oracle/oval/testdata/EOF.txt, empty file",
  })
  void otherFilesAreAProblem(String file, String message) {
    assertThatThrownBy(() -> FeedFormat.detect(SharedData.data(file)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(message);
  }
}
