package io.fleetpatch.advisory.updateinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The genuine updateinfo excerpts of other tools' test suites, and their broken variants. */
class UpdateinfoFixturesTest {
  private static final String VULS = "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/";
  private static final String VLU = "amazon/vuln-list-update/amazon/testdata/fixtures/";
  private static final String ROCKY =
      "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/";
  private static final String ALMA =
      "el-family/vuls-data-update/pkg/fetch/alma/updateinfo/testdata/fixtures/happy/almalinux/9/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                                          | advisories | rows | first id                   | source (from the collection)  | severity text | why
          VULS updateinfo_1.xml.gz                        | 1 | 1  | ALAS-2011-1                | 1/amzn-updates                | medium    | AL1, dates without seconds
          VULS updateinfo_2.xml.gz                        | 1 | 1  | ALAS2-2018-939             | 2/amzn2-core                  | critical  | AL2 core, lower case severity
          VULS updateinfo_2022.xml.gz                     | 1 | 2  | ALAS2022-2021-001          | 2022/amazonlinux              | medium    | AL2022
          VULS updateinfo_2023.xml.gz                     | 1 | 61 | ALAS2023-2023-001          | 2023/amazonlinux              | Important | AL2023, capitalised severity
          VULS updateinfo_2023_kernel-livepatch.xml.gz    | 1 | 1  | ALAS2023LIVEPATCH-2023-001 | 2023/kernel-livepatch         | important | livepatch: kernel version in the package name
          VULS updateinfo_2023_nvidia.xml.gz              | 1 | 6  | ALAS2023NVIDIA-2025-001    | 2023/nvidia                   | important | AL2023 nvidia repo
          VULS updateinfo_2_kernel-5.15.xml.gz            | 1 | 31 | ALAS2KERNEL-5.15-2022-001  | 2/amzn2extra-kernel-5.15      | important | extras topic with a dot and dash in the id prefix
          VLU updateinfo_1_item.xml.gz                    | 1 | 13 | ALAS2-2018-939             | 2/amzn2-core                  | critical  | AL2 core
          VLU updateinfo_2_items.xml.gz                   | 2 | 22 | ALAS2-2018-942             | 2/amzn2-core                  | important | two items
          VLU updateinfo_AL2022.xml.gz                    | 1 | 32 | ALAS2022-2021-001          | 2022/amazonlinux              | medium    | AL2022
          VLU updateinfo_AL2023.xml.gz                    | 1 | 61 | ALAS2023-2023-001          | 2023/amazonlinux              | Important | AL2023
          ALMA BaseOS/x86_64/os/repodata/106ba7d2cc8d0ba45aebfe29e32dbbc6ac0bb0378413184d62e6198d13fedb76-updateinfo.xml.gz | 2 | 2 | ALSA-2022:4940 | alma9/baseos | Important | Alma, stream suffix in the collection
          ALMA AppStream/x86_64/os/repodata/cccc125de8ddb7f66ac6a9850f48af285670c3ace1e29f2b0ce002ab69b88ee5-updateinfo.xml.gz | 1 | 1 | ALSA-2023:7549 | alma9/appstream | Moderate | Alma AppStream
          ROCKY happy/pub/rocky/9/BaseOS/x86_64/os/repodata/aaaa587b7c2316f0b357a284fc32836ceee13fe54e277cc841b30ecefb7cbb42a-updateinfo.xml.gz | 2 | 2 | RLSA-2022:7513 | rocky9/baseos | Important | Rocky 9
          ROCKY happy/pub/rocky/9/AppStream/x86_64/os/repodata/bbbb125de8ddb7f66ac6a9850f48af285670c3ace1e29f2b0ce002ab69b88ee5-updateinfo.xml.gz | 1 | 1 | RLSA-2023:3820 | rocky9/appstream | Moderate | Rocky 9 AppStream, epoch 3
          ROCKY happy/vault/rocky/8.6/BaseOS/x86_64/os/repodata/dddd587b7c2316f0b357a284fc32836ceee13fe54e277cc841b30ecefb7cbb42a-updateinfo.xml.gz | 1 | 1 | RLSA-2022:1234 | rocky8/baseos | Important | Rocky 8 vault
          """)
  void genuineExcerpts(
      String file,
      int advisories,
      int rows,
      String firstId,
      String source,
      String severityText,
      String why) {
    Feed feed = new UpdateinfoParser().read(path(file), null);
    assertThat(feed.advisories()).as(why).hasSize(advisories);
    assertThat(feed.packageCount()).as(why).isEqualTo(rows);
    Advisory first = feed.advisories().get(0);
    assertThat(first.id()).isEqualTo(firstId);
    assertThat(first.source()).isEqualTo(AdvisorySource.parse(source));
    assertThat(first.severityText()).isEqualTo(severityText);
    assertThat(first.severity()).isEqualTo(Severity.normalise(severityText));
    assertThat(first.severity()).isNotEqualTo(Severity.UNKNOWN);
    assertThat(first.issued()).isNotNull();
    assertThat(feed.warnings()).isEmpty();
  }

  @Test
  void al1AdvisoryInDetail() {
    Advisory a =
        new UpdateinfoParser().read(path("VULS updateinfo_1.xml.gz"), null).advisories().get(0);
    assertThat(a.issued()).isEqualTo(Instant.parse("2011-09-27T22:46:00Z"));
    assertThat(a.updated()).isEqualTo(Instant.parse("2014-09-14T14:25:00Z"));
    assertThat(a.cves()).containsExactly("CVE-2011-3192");
    assertThat(a.references())
        .extracting(r -> r.type() + ":" + r.id())
        .containsExactly("cve:CVE-2011-3192", "redhat:RHSA-2011:1245");
    assertThat(a.version()).isEqualTo("1.4");
    assertThat(a.title()).startsWith("Amazon Linux AMI 2011.09 - ALAS-2011-1");
    assertThat(a.packages())
        .containsExactly(
            new FixedPackage(
                "httpd-devel",
                new Evr(0L, "2.2.21", "1.18.amzn1"),
                "i686",
                "Packages/httpd-devel-2.2.21-1.18.amzn1.i686.rpm"));
  }

  @Test
  void livepatchCarriesTheKernelInTheName() {
    Advisory a =
        new UpdateinfoParser()
            .read(path("VULS updateinfo_2023_kernel-livepatch.xml.gz"), null)
            .advisories()
            .get(0);
    assertThat(a.packages().get(0).name()).isEqualTo("kernel-livepatch-6.1.12-19.43");
    assertThat(a.packages().get(0).fixed()).isEqualTo(new Evr(0L, "1.0", "1.amzn2023"));
    assertThat(a.issued()).isEqualTo(Instant.parse("2023-04-13T17:56:00Z"));
  }

  @Test
  void rockyModuleCollectionAndRl8() {
    Feed feed =
        new UpdateinfoParser()
            .read(
                SharedData.data(
                    "el-family/vuln-list-update/rocky/testdata/fixtures/happy/updateinfo.xml"),
                null);
    assertThat(feed.advisories())
        .extracting(Advisory::id)
        .containsExactly("RLBA-2021:2580", "RLSA-2021:2575", "RLSA-2021:3057", "RLSA-2019:1972");
    assertThat(feed.advisories().get(0).source()).isEqualTo(new AdvisorySource("rocky8", "RL8"));
    // RL8 names no repo, the module collection nothing at all: each said once, with its line
    assertThat(feed.warnings()).hasSize(2);
    assertThat(feed.warnings().get(0).message()).contains("'RL8' names no repo");
    assertThat(feed.warnings().get(1).message())
        .contains("'none-appstream-rpms__ruby' does not tell the release");
    assertThat(feed.advisories().get(3).source())
        .isEqualTo(new AdvisorySource("unknown", "none-appstream-rpms__ruby"));
    // a given repo id wins, and a release/repo pair is taken as it is
    Feed given =
        new UpdateinfoParser()
            .read(
                SharedData.data(
                    "el-family/vuln-list-update/rocky/testdata/fixtures/happy/updateinfo.xml"),
                "rocky8/appstream");
    assertThat(given.advisories())
        .extracting(Advisory::source)
        .containsOnly(new AdvisorySource("rocky8", "appstream"));
    assertThat(given.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                                   | message contains                                   | why
          VULS updateinfo_invalid_gzip.xml.gz      | the name says gzip (.gz) but the content is uncompressed | plain XML behind a .gz name: not what it claims
          VULS updateinfo_invalid_xml.xml.gz       | not well-formed XML                                 | an empty gzip member
          VLU updateinfo_invalid.xml.gz            | not well-formed XML                                 | XML cut off mid-tag
          ROCKY badid/pub/rocky/9/BaseOS/x86_64/os/repodata/badid-updateinfo.xml.gz | advisory id 'NOT-A-VALID-ADVISORY-ID' is not an advisory id | id without a year
          ROCKY corruptcrc/pub/rocky/9/BaseOS/x86_64/os/repodata/corrupt-updateinfo.xml.gz | corrupt | CRC-32 in the gzip trailer, after the document
          el-family/vuln-list-update/rocky/testdata/fixtures/updateinfo_invalid/updateinfo.xml.gz | not well-formed XML | truncated
          """)
  void brokenVariantsFailNamingTheFile(String file, String message, String why) {
    Path p = path(file);
    assertThatThrownBy(() -> new UpdateinfoParser().read(p, null))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .satisfies(
            e -> {
              ProblemException pe = (ProblemException) e;
              assertThat(pe.problem().source()).isEqualTo(p.toString());
              assertThat(pe.problem().message()).contains(message);
            });
  }

  @Test
  void badIdNamesTheLine() {
    Path p = path("ROCKY badid/pub/rocky/9/BaseOS/x86_64/os/repodata/badid-updateinfo.xml.gz");
    assertThatThrownBy(() -> new UpdateinfoParser().read(p, null))
        .isInstanceOf(ProblemException.class)
        .hasMessage(
            p
                + ": line 3: advisory id 'NOT-A-VALID-ADVISORY-ID' is not an advisory id (PREFIX-YEAR-NUMBER or PREFIX-YEAR:NUMBER)");
  }

  static Path path(String spec) {
    int sp = spec.indexOf(' ');
    if (sp < 0) {
      return SharedData.data(spec);
    }
    String prefix =
        switch (spec.substring(0, sp)) {
          case "VULS" -> VULS;
          case "VLU" -> VLU;
          case "ROCKY" -> ROCKY;
          case "ALMA" -> ALMA;
          default -> throw new IllegalArgumentException(spec);
        };
    return SharedData.data(prefix + spec.substring(sp + 1));
  }
}
