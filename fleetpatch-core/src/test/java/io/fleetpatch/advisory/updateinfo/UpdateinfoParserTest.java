package io.fleetpatch.advisory.updateinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written updateinfo: the forms real repositories use that the shared data lacks. */
class UpdateinfoParserTest {
  static Feed parse(String xml, String repo) {
    List<Advisory> out = new ArrayList<>();
    List<Problem> w =
        new UpdateinfoParser()
            .stream(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "t.xml",
                repo,
                out::add);
    return new Feed(out, w);
  }

  static String update(String attrs, String body) {
    return "<updates><update " + attrs + ">" + body + "</update></updates>";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # date attribute         | instant               | why
          2023-02-17 20:41:00      | 2023-02-17T20:41:00Z  | AL2023 form
          2011-09-27 22:46         | 2011-09-27T22:46:00Z  | AL1/AL2 form, no seconds
          1676666460               | 2023-02-17T20:41:00Z  | epoch seconds (createrepo_c, Fedora)
          2023-02-17               | 2023-02-17T00:00:00Z  | date only
          2023-02-17T20:41:00+02:00 | 2023-02-17T18:41:00Z | ISO-8601 with offset
          """)
  void dateForms(String date, String instant, String why) {
    Feed f =
        parse(
            update(
                "type='security'",
                "<id>ALAS2-2023-1</id><issued date='"
                    + date
                    + "'/><updated date='"
                    + date
                    + "'/><pkglist><collection short='amazon-linux-2'/></pkglist>"),
            null);
    assertThat(f.advisories().get(0).issued()).as(why).isEqualTo(Instant.parse(instant));
    assertThat(f.advisories().get(0).updated()).as(why).isEqualTo(Instant.parse(instant));
    assertThat(f.warnings()).isEmpty();
  }

  @Test
  void anUnreadableDateIsAWarningWithItsLine() {
    Feed f =
        parse(
            "<updates>\n<update type='bugfix'>\n<id>ALAS2-2023-1</id>\n<issued date='yesterday'/>\n</update></updates>",
            "amzn2-core");
    assertThat(f.advisories().get(0).issued()).isNull();
    assertThat(f.advisories().get(0).type()).isEqualTo(AdvisoryType.BUGFIX);
    assertThat(f.warnings())
        .containsExactly(
            Problem.at(
                "t.xml",
                "line 4",
                "<issued date='yesterday'> is not a date (YYYY-MM-DD HH:MM[:SS] or epoch seconds); left empty"));
  }

  @Test
  void rebootSuggestedPerUpdateOrPerPackageAndEveryReferenceType() {
    String pkg =
        "<package name='kernel' epoch='1' version='6.1' release='2.el9' arch='x86_64' src='kernel.src.rpm'>"
            + "<filename>kernel.rpm</filename><sum type='sha256'>00</sum><reboot_suggested>True</reboot_suggested></package>";
    Feed f =
        parse(
            update(
                "type='security' version='3'",
                "<id>RLSA-2024:0001</id><severity>Moderate</severity>"
                    + "<references><reference type='cve' id='cve-2024-1234' href='h'/>"
                    + "<reference type='bugzilla' id='123' href='b' title='t'/>"
                    + "<reference type='self' id='RLSA-2024:0001' href='s'/>"
                    + "<reference type='cve' href='https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2024-9999'/></references>"
                    + "<pkglist><collection short='rocky-linux-9-x86-64-baseos-rpms'><name>n</name>"
                    + "<module name='m' stream='1'/>"
                    + pkg
                    + "</collection></pkglist>"),
            null);
    Advisory a = f.advisories().get(0);
    assertThat(a.rebootSuggested()).isTrue();
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.severityText()).isEqualTo("Moderate");
    assertThat(a.cves()).containsExactly("CVE-2024-1234", "CVE-2024-9999");
    assertThat(a.references())
        .extracting(r -> r.type())
        .containsExactly("cve", "bugzilla", "self", "cve");
    assertThat(a.packages().get(0).fixed().epoch()).isEqualTo(1L);
    assertThat(a.packages().get(0).filename()).isEqualTo("kernel.rpm");
    assertThat(a.source().toString()).isEqualTo("rocky9/baseos");
    assertThat(a.version()).isEqualTo("3");

    Feed perUpdate =
        parse(
            update(
                "type='security'", "<id>ALAS-2020-1</id><reboot_suggested>true</reboot_suggested>"),
            "amzn-main");
    assertThat(perUpdate.advisories().get(0).rebootSuggested()).isTrue();
    Feed none = parse(update("type='security'", "<id>ALAS-2020-1</id>"), "amzn-main");
    assertThat(none.advisories().get(0).rebootSuggested()).isFalse();
  }

  @Test
  void aRepeatedIdKeepsTheFirstAndWarns() {
    Feed f =
        parse(
            "<updates><update type='security'><id>ALAS-2020-1</id><title>a</title></update>\n"
                + "<update type='security'><id>ALAS-2020-1</id><title>b</title></update></updates>",
            "amzn-updates");
    assertThat(f.advisories()).singleElement().satisfies(a -> assertThat(a.title()).isEqualTo("a"));
    assertThat(f.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("appears again"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # document                                                              | message                                     | why
          <repomd/>                                                               | the root element is <repomd>, not <updates> | wrong file
          <updates><update type='security'><title>x</title></update></updates>    | update without an <id>                      | no id
          <updates><update type='hotfix'><id>ALAS-2020-1</id></update></updates>  | update type 'hotfix'                        | unknown type
          <updates><update type='security'><id>ALAS-2020-1</id><pkglist><collection short='amazon-linux'><package name='a' version='1' release='1' epoch='x' arch='noarch'/></collection></pkglist></update></updates> | bad <package> row 'a x:1-1.noarch' | epoch not a number
          <updates><update type='security'><id>ALAS-2020-1</id><pkglist><collection short='amazon-linux'><package name='a' release='1' arch='noarch'/></collection></pkglist></update></updates> | no version | no version
          <updates><update type='security'><id>ALAS-2020-1</id></update></updates> | no <collection short> tells the source | source unknown
          """)
  void fatalProblems(String xml, String message, String why) {
    assertThatThrownBy(() -> parse(xml, null))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("t.xml: line 1: ")
        .hasMessageContaining(message);
  }

  @Test
  void sourceTable() {
    assertThat(
            UpdateinfoSources.forRepoId("amazonlinux-2023-kernel-livepatch")
                .orElseThrow()
                .toString())
        .isEqualTo("2023/kernel-livepatch");
    assertThat(UpdateinfoSources.forRepoId("amzn2extra-docker").orElseThrow().toString())
        .isEqualTo("2/amzn2extra-docker");
    assertThat(UpdateinfoSources.forRepoId("2023/amazonlinux").orElseThrow().toString())
        .isEqualTo("2023/amazonlinux");
    assertThat(UpdateinfoSources.forRepoId("amazonlinux")).isEmpty();
    assertThat(UpdateinfoSources.forCollection("amazon-linux-2022---foo").orElseThrow().repo())
        .contains("foo");
    assertThat(
            UpdateinfoSources.forCollection("almalinux-8-for-aarch64-appstream-rpms__8_default")
                .orElseThrow()
                .release())
        .isEqualTo("alma8");
    assertThat(UpdateinfoSources.forCollection("something-else")).isEmpty();
    // a bare repo id takes the release from the collection
    Feed f =
        parse(
            update(
                "type='security'",
                "<id>ALAS2023-2023-1</id><pkglist><collection short='amazon-linux-2023'/></pkglist>"),
            "amazonlinux");
    assertThat(f.advisories().get(0).source().toString()).isEqualTo("2023/amazonlinux");
  }
}
