package io.fleetpatch.advisory.oval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OvalParserTest {
  private static final String ORACLE = "el-family/vuln-list-update/oracle/oval/testdata/";
  private static final String MARINER =
      "el-family/vunnel/tests/unit/providers/mariner/test-fixtures/";

  static Feed read(String file) {
    return new OvalParser().read(SharedData.data(file), null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rows counted independently with grep (criteria "is earlier than" x arches of the state)
          # file                                                                   | advisories | rows | sources                    | warnings | why
          alinux-oval/happy/alinux-4.oval.xml                                      | 2  | 12  | alinux4/oval               | 8  | module name and 7 corrupted EVRs, each repaired
          alinux-oval/collision/alinux-3.2104.oval.xml                             | 3  | 3   | alinux3/oval               | 8  | duplicated ids resolved by comment, hotfix EVR repaired
          el-family/vuls-data-update/pkg/fetch/anolis/oval/testdata/fixtures/happy/anolis-23.oval.xml | 1 | 9 | anolis23/oval | 8 | sub-package suffixes in EVRs with epoch 32
          el-family/vuls-data-update/pkg/fetch/alma/oval/testdata/fixtures/org.almalinux.alsa-9.xml.bz2 | 2 | 24 | alma9/oval | 1 | bzip2, arch patterns, one module-stream definition
          el-family/vuln-list-update/oracle/oval/testdata/ELSA-2007-0057.xml       | 1  | 8   | ol5/oval                   | 0  | Oracle with tests
          el-family/vuln-list-update/oracle/oval/testdata/elsa-2018-1196-1.xml.bz2 | 1  | 18  | ol5/oval                   | 0  | Oracle with tests, bzip2
          el-family/vuln-list-update/oracle/oval/testdata/all-positive-data.xml.bz2 | 17 | 109 | ol5/oval ol6/oval ol7/oval | 1  | definitions only: packages from the comments
          el-family/vuln-list-update/oracle/oval/testdata/invalid-title-format.xml.bz2 | 1 | 8 | ol5/oval                   | 2  | the same definition twice
          el-family/vunnel/tests/unit/providers/mariner/test-fixtures/mariner-truncated-2.0-oval.xml | 5 | 3 | mariner2/oval | 3 | lower bound and two unfixed, each a warning
          el-family/vunnel/tests/unit/providers/mariner/test-fixtures/azure-linux-truncated-3.0-oval.xml | 3 | 3 | azurelinux3/oval | 0 | release from the dist tag
          """)
  void realFiles(String file, int advisories, int rows, String sources, int warnings, String why) {
    Feed feed = read(file);
    assertThat(feed.advisories()).as(why).hasSize(advisories);
    assertThat(feed.packageCount()).as(why).isEqualTo(rows);
    assertThat(feed.advisories().stream().map(a -> a.source().toString()).distinct().sorted())
        .as(why)
        .containsExactly(sources.split(" "));
    assertThat(feed.warnings()).as(why + ": %s", feed.warnings()).hasSize(warnings);
    assertThat(feed.warnings())
        .allSatisfy(w -> assertThat(w.source()).isEqualTo(SharedData.data(file).toString()));
    assertThat(feed.advisories())
        .allSatisfy(a -> assertThat(a.severity()).isNotEqualTo(Severity.UNKNOWN));
  }

  @Test
  void alinuxQuirksAreRepairedWithAWarningEachTime() {
    Feed feed = read("alinux-oval/happy/alinux-4.oval.xml");
    Advisory kernel = feed.advisories().get(1);
    assertThat(kernel.id()).isEqualTo("ALINUX4-SA-2026:0104");
    assertThat(kernel.source()).isEqualTo(new AdvisorySource("alinux4", "oval"));
    assertThat(kernel.severityText()).isEqualTo("Important");
    assertThat(kernel.cves()).containsExactly("CVE-2026-31431");
    // kernel:6.6 and kernel are one row; every sub-package has the kernel's EVR
    assertThat(kernel.packages())
        .extracting(FixedPackage::name)
        .containsExactly(
            "kernel",
            "bpftool",
            "kernel-debug",
            "kernel-debug-devel",
            "kernel-devel",
            "kernel-headers",
            "kernel-tools",
            "kernel-tools-libs",
            "kernel-tools-libs-devel",
            "perf",
            "python3-perf");
    assertThat(kernel.packages())
        .allSatisfy(
            p -> {
              assertThat(p.fixed()).isEqualTo(Evr.parse("0:6.6.102-5.3.1.alnx4"));
              assertThat(p.arch()).isNull();
            });
    assertThat(feed.warnings().get(0))
        .isEqualTo(
            Problem.at(
                SharedData.data("alinux-oval/happy/alinux-4.oval.xml").toString(),
                "line 71",
                "ALINUX4-SA-2026:0104: module-qualified package name 'kernel:6.6' read as 'kernel'"));
    assertThat(feed.warnings().subList(1, 8))
        .allSatisfy(
            w ->
                assertThat(w.message())
                    .contains("corrupted EVR '0:")
                    .contains("read as '0:6.6.102-5.3.1.alnx4'"));
  }

  @Test
  void collisionsAreResolvedByTheCriterionComment() {
    Feed feed = read("alinux-oval/collision/alinux-3.2104.oval.xml");
    assertThat(feed.advisories())
        .extracting(
            a -> a.id() + " " + a.packages().get(0).name() + " " + a.packages().get(0).fixed())
        .containsExactly(
            "ALINUX3-HOTFIX-SA-2026:0001 kernel-hotfix-27289074-5.10.134-12 0:1.0-20260510120832.al8",
            "ALINUX3-SA-2026:0001 git-lfs 0:3.6.1-1.al8",
            "ALINUX3-SA-2025:0143 haproxy 0:3.0.5-2.al8");
    assertThat(feed.warnings())
        .extracting(Problem::message)
        .filteredOn(m -> m.contains("defined 2 times"))
        .hasSize(6);
  }

  @Test
  void almaArchesAndModules() {
    Feed feed =
        read(
            "el-family/vuls-data-update/pkg/fetch/alma/oval/testdata/fixtures/org.almalinux.alsa-9.xml.bz2");
    Advisory firefox = feed.advisories().get(0);
    assertThat(firefox.id()).isEqualTo("ALSA-2022:7071");
    assertThat(firefox.packages())
        .extracting(FixedPackage::arch)
        .containsExactly("aarch64", "ppc64le", "x86_64", "s390x");
    // the state is what oscap evaluates, not the criterion comment (which lacks ".alma")
    assertThat(firefox.packages().get(0).fixed()).isEqualTo(Evr.parse("0:102.4.0-1.el9_0.alma"));
    assertThat(firefox.references()).extracting(r -> r.type()).contains("alsa", "cve", "bugzilla");
    assertThat(feed.warnings())
        .singleElement()
        .satisfies(
            w -> assertThat(w.message()).contains("module stream").contains("ALSA-2023:5363"));
  }

  @Test
  void marinerUnfixedAndLowerBoundsAreWarnings() {
    Feed feed = read(MARINER + "mariner-truncated-2.0-oval.xml");
    assertThat(feed.advisories())
        .extracting(Advisory::source)
        .containsOnly(new AdvisorySource("mariner2", "oval"));
    assertThat(feed.warnings())
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("lower bound 'golang greater than 0:1.19.0.cm2'"))
        .anySatisfy(m -> assertThat(m).contains("'glibc <= 0:2.35-4.cm2' has no fixed version"));
  }

  @Test
  void aGivenReleaseWins() {
    Feed feed =
        new OvalParser().read(SharedData.data(ORACLE + "all-positive-data.xml.bz2"), "ol-any");
    assertThat(feed.advisories())
        .hasSize(14)
        .extracting(a -> a.source().release())
        .containsOnly("ol-any");
  }

  /**
   * vuln-list-update's golden JSON for the Oracle files lists each definition's criterion comments;
   * the packages read must be exactly the "NAME is earlier than EVR" ones.
   */
  @Test
  void oracleAgreesWithTheGoldenCriteria() throws IOException {
    List<Advisory> all = new ArrayList<>(read(ORACLE + "all-positive-data.xml.bz2").advisories());
    all.addAll(read(ORACLE + "elsa-2018-1196-1.xml.bz2").advisories());
    ObjectMapper json = new ObjectMapper();
    int compared = 0;
    try (Stream<Path> files = Files.list(SharedData.data(ORACLE + "golden"))) {
      for (Path golden : files.sorted().toList()) {
        JsonNode g = json.readTree(golden.toFile());
        String id = golden.getFileName().toString().replace(".json", "");
        Set<String> expected = new TreeSet<>();
        comments(g.get("Criteria"), expected);
        Set<String> actual = new TreeSet<>();
        all.stream()
            .filter(a -> a.id().equals(id))
            .forEach(
                a ->
                    a.packages()
                        .forEach(p -> actual.add(p.name() + " is earlier than " + p.fixed())));
        assertThat(actual).as(id).isEqualTo(expected).isNotEmpty();
        Set<String> cves = new TreeSet<>();
        g.path("References")
            .forEach(
                r -> {
                  if (r.get("Source").asText().equals("CVE")) cves.add(r.get("ID").asText());
                });
        all.stream()
            .filter(a -> a.id().equals(id))
            .forEach(a -> assertThat(a.cves()).as(id).containsExactlyInAnyOrderElementsOf(cves));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(15);
  }

  private static void comments(JsonNode criteria, Set<String> out) {
    if (criteria == null || criteria.isNull()) {
      return;
    }
    criteria
        .path("Criterions")
        .forEach(
            c -> {
              String comment = c.get("Comment").asText();
              if (comment.contains(" is earlier than ")) {
                out.add(comment);
              }
            });
    criteria.path("Criterias").forEach(c -> comments(c, out));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                                            | message
          el-family/vuln-list-update/oracle/oval/testdata/broken-oval-data.xml.bz2 | line 536: not well-formed XML
          el-family/vuln-list-update/oracle/oval/testdata/EOF.txt      | empty file
          el-family/vuln-list-update/oracle/oval/testdata/invalid.txt  | not well-formed XML
          amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_valid.xml | not an OVAL definitions file: the root element is <repomd>
          """)
  void brokenFilesFailNamingTheFile(String file, String message) {
    Path p = SharedData.data(file);
    assertThatThrownBy(() -> new OvalParser().read(p, null))
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                              | evr                                                   | read as                      | repaired
          kernel-debug                        | 0:debug-6.6.102-5.3.1.alnx4                           | 0:6.6.102-5.3.1.alnx4        | true
          bind-dnssec-utils                   | 32:dnssec-utils-9.18.34-1.an23                        | 32:9.18.34-1.an23            | true
          kernel-tools-libs-devel             | 0:tools-6.6.102-5.3.1.alnx4                           | 0:6.6.102-5.3.1.alnx4        | true
          kernel-hotfix-27289074-5.10.134-12  | 0:hotfix-27289074-5.10.134-12-1.0-20260510120832.al8  | 0:1.0-20260510120832.al8     | true
          haproxy                             | 0:3.0.5-2.alnx4                                       | 0:3.0.5-2.alnx4              | false
          """)
  void evrRepairs(String name, String evr, String readAs, boolean repaired) {
    EvrRepair.Result r = EvrRepair.read(name, evr);
    assertThat(r.evr()).isEqualTo(Evr.parse(readAs));
    assertThat(r.repairedFrom() != null).isEqualTo(repaired);
  }
}
