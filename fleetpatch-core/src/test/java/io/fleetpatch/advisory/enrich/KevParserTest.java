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

class KevParserTest {
  private static final String CISA = "kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.";

  @Test
  void jsonAndCsvOfTheSameCatalogueAgree() {
    KevCatalog json = new KevParser().read(SharedData.data(CISA + "json"));
    KevCatalog csv = new KevParser().read(SharedData.data(CISA + "csv"));
    assertThat(json.catalogVersion()).isEqualTo("2025.08.25");
    assertThat(json.entries()).hasSize(1_404);
    assertThat(json.warnings()).isEmpty();
    assertThat(csv.warnings()).isEmpty();
    assertThat(csv.entries()).isEqualTo(json.entries());
    KevEntry first = json.entries().get(0);
    assertThat(first)
        .isEqualTo(
            new KevEntry(
                "CVE-2025-48384",
                "Git",
                "Git",
                "Git Link Following Vulnerability",
                LocalDate.of(2025, 8, 25),
                LocalDate.of(2025, 9, 15),
                false));
    assertThat(json.entries().stream().filter(KevEntry::knownRansomware).count()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "kev-epss/vunnel/tests/unit/providers/kev/test-fixtures/valid-catalog-1.json, 3, 2025.02.19",
    "kev-epss/vuln-list-update/kevc/testdata/happy/known_exploited_vulnerabilities.json, 2, ''",
    "kev-epss/vuls-data-update/pkg/fetch/cisa/kev/testdata/fixtures/known_exploited_vulnerabilities.json, 1, ''",
  })
  void otherToolsFixtures(String file, int entries, String version) {
    KevCatalog c = new KevParser().read(SharedData.data(file));
    assertThat(c.entries()).hasSize(entries);
    assertThat(c.entries()).allSatisfy(e -> assertThat(e.dateAdded()).isNotNull());
    if (!version.isEmpty()) {
      assertThat(c.catalogVersion()).isEqualTo(version);
    }
  }

  @Test
  void badRowsAreWarningsAndBadFilesProblems(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("kev.csv");
    Files.writeString(
        csv,
        "cveID,vendorProject,product,vulnerabilityName,dateAdded,dueDate,knownRansomwareCampaignUse\n"
            + "CVE-2024-1,a,b,c,2024-01-01,2024-01-22,Known\n"
            + "NOT-A-CVE,a,b,c,2024-01-01,2024-01-22,Known\n"
            + "CVE-2024-12345,\"a, inc.\",\"b \"\"x\"\"\",c,someday,2024-01-22,Unknown\n");
    KevCatalog c = new KevParser().read(csv);
    assertThat(c.entries()).extracting(KevEntry::cveId).containsExactly("CVE-2024-12345");
    assertThat(c.entries().get(0).vendorProject()).isEqualTo("a, inc.");
    assertThat(c.entries().get(0).product()).isEqualTo("b \"x\"");
    assertThat(c.entries().get(0).dateAdded()).isNull();
    assertThat(c.warnings())
        .extracting(w -> w.where())
        .containsExactly("line 2", "line 3", "line 4");

    Path json = dir.resolve("kev.json");
    Files.writeString(json, "{\"vulnerabilities\": [ {\"cveID\": \"CVE-2024-1234\"}, ");
    assertThatThrownBy(() -> new KevParser().read(json))
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith(json + ": line 1: not well-formed JSON");
  }
}
