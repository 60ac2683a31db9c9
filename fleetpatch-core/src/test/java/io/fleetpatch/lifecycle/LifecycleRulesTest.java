package io.fleetpatch.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One named test per end-of-life rule (OS table, AL2023 package statements, AL2 migration). */
class LifecycleRulesTest {
  private static PackageSupport support;
  private static Al2023Packages al2023;

  @BeforeAll
  static void load() throws Exception {
    support =
        PackageSupport.read(SharedData.data("al2023/al2023-support-statements/support_info.xml"));
    al2023 =
        Al2023Packages.read(
            SharedData.data("al2023/Release-Notes-Amazon-Linux-2023.1.20230809.md"));
  }

  private static OsRelease os(String id, String version) {
    return new OsRelease(Map.of("ID", id, "VERSION_ID", version));
  }

  @ParameterizedTest(name = "{0} {1}: EOL {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # ID     | VERSION_ID | end of life | why
          amzn      | 2018.03    | 2023-12-31  | AL1 maintenance support ended 2023-12-31 (AWS AL1 basics page)
          amzn      | 2          | 2026-06-30  | AL2 EOL extended to 2026-06-30 (AL2 FAQ)
          amzn      | 2023       | 2029-06-30  | AL2023 maintenance support ends 2029-06-30 (AL2023 release cadence)
          amzn      | 2022       | 2029-06-30  | AL2022 was the AL2023 preview, no lifecycle of its own
          alinux    | 2.1903     | 2024-03-31  | Alinux 2 mainstream support ended 2024-03-31 (ELS after that)
          alinux    | 3          | 2031-03-31  | Alinux 3 mainstream support to 2031-03-31
          centos    | 7          | 2024-06-30  | CentOS 7 EOL
          centos    | 8          | 2021-12-31  | CentOS 8 EOL
          rhel      | 7.9        | 2024-06-30  | RHEL 7 maintenance ended (ELS is paid)
          rhel      | 8.10       | 2029-05-31  | RHEL 8 maintenance ends 2029-05-31
          rhel      | 9.4        | 2032-05-31  | RHEL 9 maintenance ends 2032-05-31
          rocky     | 8.9        | 2029-05-31  | Rocky 8 EOL
          rocky     | 9.3        | 2032-05-31  | Rocky 9 EOL
          almalinux | 8.9        | 2029-05-31  | Alma 8 EOL
          almalinux | 9.4        | 2032-05-31  | Alma 9 EOL
          ol        | 8.9        | 2029-07-31  | Oracle Linux 8 premier support
          """)
  void theOsTableKnowsEachReleasesEndOfLife(String id, String version, String eol, String why) {
    OsSupport s = OsLifecycle.lookup(os(id, version)).orElseThrow();
    assertThat(s.endOfLife()).as(why).isEqualTo(LocalDate.parse(eol));
    assertThat(s.source()).as("every row cites its source").isNotBlank();
  }

  @Test
  void anUnknownOsHasNoRow() {
    String why = "an OS fleetpatch has no dates for is not guessed at";
    assertThat(OsLifecycle.lookup(os("fedora", "39"))).as(why).isEmpty();
    assertThat(OsLifecycle.lookup(os("amzn", "1"))).as(why).isEmpty();
  }

  @Test
  void aHostIsEndOfLifeTheDayAfterItsEndOfLifeDateWithDaysPast() {
    String why =
        "the EOL date is the last supported day; after it the host is flagged with days past";
    OsSupport al2 = OsLifecycle.lookup(os("amzn", "2")).orElseThrow();
    assertThat(al2.daysPastEndOfLife(LocalDate.parse("2026-06-30"))).as(why).isZero();
    assertThat(al2.endOfLifeOn(LocalDate.parse("2026-06-30"))).as(why).isFalse();
    assertThat(al2.daysPastEndOfLife(LocalDate.parse("2026-07-10"))).as(why).isEqualTo(10);
  }

  @Test
  void alibabaCloudLinux2KeepsItsElsDateApart() {
    String why =
        "Alinux 2 left mainstream support on 2024-03-31; ELS (critical fixes only) ran to 2026-03-31";
    OsSupport s = OsLifecycle.lookup(os("alinux", "2.1903")).orElseThrow();
    assertThat(s.extendedSupportEnds()).as(why).isEqualTo(LocalDate.parse("2026-03-31"));
  }

  @Test
  void theRealSupportStatementsParse() {
    String why = "support_info.xml (2023-09 data) has 16 statements; php8.1 is among them";
    assertThat(support.currentAs()).as(why).startsWith("2023-09-01");
    assertThat(support.statementsFor("php8.1"))
        .as(why)
        .extracting(SupportStatement::id)
        .containsExactly("eol_php8.1");
    assertThat(support.packageCount()).as(why).isGreaterThan(12_000);
  }

  @Test
  void anInstalledPackagePastItsStatementsEndDateIsFlaggedWithDaysPast() {
    String why =
        "eol_php8.1 ends 2024-11-25: on 2024-12-01 php8.1 is 6 days past its end of support";
    var eol =
        support.endOfLife(List.of("php8.1", "php8.1-cli", "bash"), LocalDate.parse("2024-12-01"));
    assertThat(eol)
        .as(why)
        .extracting(PackageSupport.PackageEol::name)
        .containsExactly("php8.1", "php8.1-cli");
    assertThat(eol.get(0).daysPast()).as(why).isEqualTo(6);
    assertThat(support.endOfLife(List.of("php8.1"), LocalDate.parse("2024-11-25")))
        .as(why + ": last day")
        .isEmpty();
  }

  @Test
  void statementsThatFollowTheDistributionAreLeftToTheOsLifecycle() {
    String why =
        "eol_kernel and the whole-distro eol end 2028-03-15 in the 2023-09 data ('until AL2023"
            + " End of Life'); AL2023's later 2029-06-30 supersedes them, so the kernel is not"
            + " flagged in mid-2028";
    assertThat(support.statementsFor("kernel"))
        .as(why)
        .anyMatch(SupportStatement::distributionLifetime);
    assertThat(support.endOfLife(List.of("kernel", "bash"), LocalDate.parse("2028-06-01")))
        .as(why)
        .isEmpty();
  }

  @Test
  void supportInfoWithADoctypeIsRefused() {
    String why = "XXE: no DTDs, no external entities in lifecycle XML";
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<package_support><statements><statement id=\"&e;\" start_date=\"2023-01-01\""
            + " end_date=\"2024-01-01\" marker=\"supported\"/></statements></package_support>";
    assertThatThrownBy(
            () ->
                PackageSupport.parse(
                    new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), "x.xml"))
        .as(why)
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aBadStatementDateNamesTheLine() {
    String why = "malformed lifecycle data is a Problem with its line";
    String bad =
        "<package_support>\n<statements>\n<statement id=\"x\" start_date=\"2023-01-01\""
            + " end_date=\"soon\" marker=\"supported\"/></statements></package_support>";
    assertThatThrownBy(
            () ->
                PackageSupport.parse(
                    new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "x.xml"))
        .as(why)
        .hasMessageContaining("x.xml: line 3")
        .hasMessageContaining("'soon'");
  }

  @Test
  void theAl2023PackageListHasEveryBinaryRpm() {
    String why = "the 2023.1.20230809 release notes list 15,750 binary RPMs";
    assertThat(al2023.rows()).as(why).isEqualTo(15_750);
    assertThat(al2023.release()).as(why).isEqualTo("2023.1.20230809");
    assertThat(al2023.version("abseil-cpp")).as(why).contains("20220623.1-4.amzn2023.0.1");
  }

  @Test
  void theMigrationViewSplitsAnAl2HostsPackagesByWhetherAl2023ShipsThem() throws Exception {
    String why =
        "the real amazonlinux:2 image (104 packages): python 2, yum plugins and"
            + " amazon-linux-extras have no AL2023 package; bash and glibc do (16 missing, checked"
            + " with grep against the release notes)";
    List<InstalledPackage> pkgs = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            SharedData.data("rpmdb/snyk-rpm-parser/test/outputs/amazonlinux2_plain"))) {
      String[] f = line.split("\t");
      pkgs.add(InstalledPackage.of(Nevra.parse(f[0] + "-" + f[1] + ".x86_64")));
    }
    Inventory inv =
        new Inventory(Host.of("al2-image"), os("amzn", "2"), null, pkgs, null, null, null, "test");
    assertThat(Migration.appliesTo(inv)).as(why).isTrue();
    Migration m = Migration.of(inv, al2023);
    assertThat(m.missing())
        .as(why)
        .hasSize(16)
        .contains("python", "amazon-linux-extras", "yum-plugin-priorities", "gpg-pubkey");
    assertThat(m.available())
        .as(why)
        .hasSize(88)
        .extracting(Migration.Available::name)
        .contains("bash", "glibc");
  }
}
