package io.fleetpatch.advisory.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpssParserTest {
  private static final String VULS = "kev-epss/vuls-data-update/pkg/fetch/epss/testdata/fixtures/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                          | rows | model       | score date | first epss | first percentile | why
          epss_scores-2021-04-14.csv.gz   | 2    |             | 2021-04-14 | 0.65117    | NaN              | no percentile, date from the name
          epss_scores-2021-09-01.csv.gz   | 2    |             | 2021-09-01 | 0.65117    | 0.9981063485700858 | percentile added
          epss_scores-2022-02-04.csv.gz   | 2    | v2022.01.01 | 2022-02-04 | 0.96817    | 0.99999          | comment line
          epss_scores-2023-03-07.csv.gz   | 2    | v2023.03.01 | 2023-03-07 | 0.97567    | 0.99995          | model v2023
          """)
  void everyHeaderVariant(
      String file, int rows, String model, String date, double epss, double pct, String why) {
    EpssFeed f = new EpssParser().read(SharedData.data(VULS + file));
    assertThat(f.scores()).as(why).hasSize(rows);
    assertThat(f.modelVersion()).isEqualTo(model == null ? "" : model);
    assertThat(f.scoreDate()).isEqualTo(LocalDate.parse(date));
    EpssScore s = f.scores().get(0);
    assertThat(s.cveId()).isEqualTo("CVE-2020-5902");
    assertThat(s.epss()).isEqualTo(epss);
    assertThat(Double.valueOf(s.percentile())).isEqualTo(Double.valueOf(pct));
    assertThat(s.scoreDate()).isEqualTo(LocalDate.parse(date));
    assertThat(f.warnings()).isEmpty();
  }

  @Test
  void vunnelExampleCommentDateWinsOverNothing() {
    EpssFeed f =
        new EpssParser()
            .read(
                SharedData.data(
                    "kev-epss/vunnel/tests/unit/providers/epss/test-fixtures/example-1.csv"));
    assertThat(f.scoreDate()).isEqualTo(LocalDate.of(2025, 2, 20));
    assertThat(f.scores()).hasSize(5);
    assertThat(f.scores().get(0))
        .isEqualTo(new EpssScore("CVE-1999-0001", 0.00383, 0.73075, LocalDate.of(2025, 2, 20)));
  }

  @Test
  void badRowsAreWarningsWithTheirLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("scores.csv");
    Files.writeString(
        f,
        "#model_version:v1,score_date:2024-05-01T00:00:00+0000\ncve,epss,percentile\nCVE-2024-1111,0.5,0.9\nCVE-2024-2222,1.5,0.9\nxyz,0.1,0.1\nCVE-2024-3333,abc,0.1\nCVE-2024-4444,0.1\n");
    EpssFeed feed = new EpssParser().read(f);
    assertThat(feed.scores()).extracting(EpssScore::cveId).containsExactly("CVE-2024-1111");
    assertThat(feed.warnings())
        .extracting(w -> w.where())
        .containsExactly("line 4", "line 5", "line 6", "line 7");
    Path notEpss = dir.resolve("x.csv");
    Files.writeString(notEpss, "a,b\n1,2\n");
    assertThatThrownBy(() -> new EpssParser().read(notEpss))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("lacks cve and epss");
  }
}
