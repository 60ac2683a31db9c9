package io.fleetpatch.advisory.updateinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepomdTest {
  private static final String ROCKY =
      "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # repomd                                                                 | href                              | type   | checksum prefix  | open-size | files
          amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_valid.xml | repodata/updateinfo.xml.gz      | sha256 | bec8d2c717d39b54 | 8150735   | 9
          amazon/vuln-list-update/amazon/testdata/fixtures/repomd_valid.xml      | repodata/updateinfo.xml.gz        | sha256 | e6f569f8ed2246a6 | 1494519   | 6
          el-family/vuln-list-update/rocky/testdata/fixtures/updateinfo_invalid/repomd.xml | repodata/updateinfo.xml.gz | sha256 | c14b2249cc128fa8 | 184021    | 9
          """)
  void locatesTheUpdateinfo(
      String file, String href, String type, String checksum, long openSize, int files) {
    Repomd repomd = Repomd.read(SharedData.data(file));
    assertThat(repomd.files()).hasSize(files);
    RepoDataFile u = repomd.updateinfo().orElseThrow();
    assertThat(u.href()).isEqualTo(href);
    assertThat(u.checksumType()).isEqualTo(type);
    assertThat(u.checksum()).startsWith(checksum).hasSize(64);
    assertThat(u.openSize()).isEqualTo(openSize);
    assertThat(u.size()).isPositive();
  }

  @ParameterizedTest
  @CsvSource({
    "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_invalid.xml",
    "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_noupdateinfo.xml",
    "amazon/vuln-list-update/amazon/testdata/fixtures/repomd_invalid.xml",
    "el-family/vuln-list-update/rocky/testdata/fixtures/repomd_invalid/repomd.xml",
    "el-family/vuln-list-update/rocky/testdata/fixtures/no_updateinfo_field/repomd.xml"
  })
  void repomdWithoutUpdateinfoIsAProblem(String file) {
    Path p = SharedData.data(file);
    assertThat(Repomd.read(p).updateinfo()).isEmpty();
    assertThatThrownBy(() -> new UpdateinfoParser().readRepo(p, null, true))
        .isInstanceOf(ProblemException.class)
        .hasMessage(p + ": repomd.xml lists no updateinfo (no <data type=\"updateinfo\">)");
  }

  @Test
  void readsTheUpdateinfoARepomdNames() {
    // the fixture's checksums are made up: without verification that is a warning...
    Path repomd = SharedData.data(ROCKY + "happy/pub/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml");
    Feed feed = new UpdateinfoParser().readRepo(repomd, null, false);
    assertThat(feed.advisories())
        .extracting(Advisory::id)
        .containsExactly("RLSA-2022:7513", "RLBA-2023:0456");
    assertThat(feed.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("but repomd.xml says 'aaaa587b"));
    // ... and with it, fatal
    assertThatThrownBy(() -> new UpdateinfoParser().readRepo(repomd, null, true))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("sha256 is ")
        .hasMessageContaining(
            "aaaa587b7c2316f0b357a284fc32836ceee13fe54e277cc841b30ecefb7cbb42a-updateinfo.xml.gz");
  }

  @Test
  void aMatchingChecksumVerifies() throws Exception {
    Path dir = SharedData.data(ROCKY + "happy/pub/rocky/9/BaseOS/x86_64/os/repodata");
    Path file =
        dir.resolve(
            "aaaa587b7c2316f0b357a284fc32836ceee13fe54e277cc841b30ecefb7cbb42a-updateinfo.xml.gz");
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(file)));
    RepoDataFile good =
        new RepoDataFile(
            "updateinfo",
            "repodata/" + file.getFileName(),
            "sha256",
            sha,
            "",
            "",
            java.nio.file.Files.size(file),
            -1,
            -1);
    assertThat(good.resolve(dir.resolve("repomd.xml"))).isEqualTo(file);
    assertThat(good.check(file)).isNull();
    RepoDataFile wrongSize = new RepoDataFile("updateinfo", "x", "sha256", sha, "", "", 1, -1, -1);
    assertThat(wrongSize.check(file).message()).contains("size is");
    RepoDataFile escape =
        new RepoDataFile("updateinfo", "../../../etc/passwd", "sha256", sha, "", "", -1, -1, -1);
    assertThatThrownBy(() -> escape.resolve(dir.resolve("repomd.xml")))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("outside the repository");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          badid/pub/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml      | not an advisory id
          corruptcrc/pub/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml | corrupt
          """)
  void brokenRepositoriesFail(String repomd, String message) {
    assertThatThrownBy(
            () -> new UpdateinfoParser().readRepo(SharedData.data(ROCKY + repomd), null, false))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(message);
  }
}
