package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import io.fleetpatch.testing.SharedData;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** advisories import/list/show and cve show, in process, on a SQLite store. */
class AdvisoriesCommandTest {
  static final String CORE = "amazon/updateinfo/amzn2-core/updateinfo.xml.gz";
  static final String DOCKER = "amazon/updateinfo/amzn2extra-docker/updateinfo.xml.gz";
  static final String NGINX = "amazon/updateinfo/amzn2extra-nginx1/updateinfo.xml.gz";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  String db() {
    return dir.resolve("store.db").toString();
  }

  static String data(String relative) {
    return SharedData.data(relative).toString();
  }

  String digest() {
    try (Database d = Database.open(DatabaseTarget.sqlite(Path.of(db())))) {
      return d.contentDigest();
    }
  }

  record Bad(String file, String why) {}

  /** Every invalid variant of the shared data, and what makes it invalid. */
  static final List<Bad> BAD =
      List.of(
          new Bad(
              "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/"
                  + "updateinfo_invalid_gzip.xml.gz",
              "named .gz, plain XML inside"),
          new Bad(
              "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/"
                  + "updateinfo_invalid_xml.xml.gz",
              "gzip of nothing"),
          new Bad(
              "amazon/vuln-list-update/amazon/testdata/fixtures/updateinfo_invalid.xml.gz",
              "XML not well-formed at line 12"),
          new Bad(
              "amazon/vuln-list-update/amazon/testdata/fixtures/repomd_invalid.xml",
              "repomd.xml without updateinfo"),
          new Bad(
              "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/repomd_invalid.xml",
              "repomd.xml without updateinfo"),
          new Bad(
              "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/"
                  + "repomd_noupdateinfo.xml",
              "repomd.xml without updateinfo"),
          new Bad(
              "el-family/vuln-list-update/rocky/testdata/fixtures/updateinfo_invalid/"
                  + "updateinfo.xml.gz",
              "XML not well-formed"),
          new Bad(
              "el-family/vuln-list-update/rocky/testdata/fixtures/updateinfo_invalid/"
                  + "repomd.xml",
              "repomd.xml whose updateinfo is not where it says"),
          new Bad(
              "el-family/vuln-list-update/rocky/testdata/fixtures/repomd_invalid/repomd.xml",
              "repomd.xml without updateinfo"),
          new Bad(
              "el-family/vuln-list-update/rocky/testdata/fixtures/no_updateinfo_field/"
                  + "repomd.xml",
              "repomd.xml without updateinfo"),
          new Bad(
              "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/badid/"
                  + "pub/rocky/9/BaseOS/x86_64/os/repodata/badid-updateinfo.xml.gz",
              "bad advisory id"),
          new Bad(
              "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/badid/"
                  + "pub/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml",
              "bad advisory id, through repomd.xml"),
          new Bad(
              "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/"
                  + "corruptcrc/pub/rocky/9/BaseOS/x86_64/os/repodata/corrupt-updateinfo.xml.gz",
              "gzip CRC32 error"),
          new Bad(
              "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/"
                  + "corruptcrc/pub/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml",
              "checksum differs from repomd.xml"),
          new Bad(
              "el-family/vuln-list-update/oracle/oval/testdata/broken-oval-data.xml.bz2",
              "broken bzip2 (OVAL)"),
          new Bad("el-family/vuln-list-update/oracle/oval/testdata/EOF.txt", "empty"),
          new Bad("el-family/vuln-list-update/oracle/oval/testdata/invalid.txt", "not a feed"),
          new Bad(
              "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/"
                  + "extras-catalog_invalid.json",
              "JSON that is no KEV catalogue"));

  @Test
  void everyInvalidVariantExits3AndLeavesTheStoreUnchanged() throws Exception {
    assertThat(CliRun.of("advisories", "import", "--db", db(), data(DOCKER)).code()).isZero();
    String before = digest();
    for (Bad bad : BAD) {
      // a good file beside the bad one is not imported either: all files are read first
      CliRun r = CliRun.of("advisories", "import", "--db", db(), data(NGINX), data(bad.file()));
      assertThat(r.code()).as(bad.why() + ": " + r.err()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(r.err().lines().filter(l -> l.startsWith("fleetpatch: ")).toList())
          .as(bad.why())
          .hasSize(1);
      assertThat(r.err()).as(bad.why()).doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(digest()).as(bad.why()).isEqualTo(before);
    }
  }

  @Test
  void aTruncatedBzip2UpdateinfoExits3() throws Exception {
    Path payload =
        SharedData.data(
            "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/decompress/payload.bz2");
    byte[] bytes = Files.readAllBytes(payload);
    Path truncated = dir.resolve("updateinfo.xml.bz2");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliRun.of("advisories", "import", "--db", db(), data(DOCKER));
    String before = digest();

    CliRun r = CliRun.of("advisories", "import", "--db", db(), truncated.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void importTheSameFileAgainChangesNothing() throws Exception {
    CliRun first =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            "--repo",
            "amzn2extra-docker",
            data(DOCKER),
            "--format",
            "json");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode row = JSON.readTree(first.out()).get(0);
    assertThat(row.get("feed").asText()).isEqualTo("2/amzn2extra-docker");
    assertThat(row.get("added").asInt()).isEqualTo(49);
    assertThat(row.get("dataVersion").asInt()).isEqualTo(1);
    String before = digest();

    CliRun again =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            "--repo",
            "amzn2extra-docker",
            data(DOCKER),
            "--format",
            "json");

    assertThat(again.code()).isZero();
    assertThat(JSON.readTree(again.out()).get(0).get("status").asText()).startsWith("skipped");
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void aRepomdImportsTheUpdateinfoItLocatesAndChecks() throws Exception {
    Path repomd = LocalRepo.build(dir.resolve("repo"), SharedData.data(NGINX));
    CliRun r =
        CliRun.of("advisories", "import", "--db", db(), repomd.toString(), "--format", "csv");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("file,kind,feed,records,added,changed,unchanged,status,dataVersion");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains(",updateinfo,2/amzn2extra-nginx1,7,7,").endsWith(",1");

    // the shared "happy" Rocky fixture's repomd.xml gives made-up checksums (aaaa...): refused
    CliRun fake =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            data(
                "el-family/"
                    + "vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/fixtures/happy/pub/rocky/9/"
                    + "BaseOS/x86_64/os/repodata/repomd.xml"));
    assertThat(fake.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(fake.err()).contains("but repomd.xml says 'aaaa");
  }

  @Test
  void ovalAndRssFeedsAreToldByContentAndImported() throws Exception {
    CliRun oval =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            data("alinux-oval/happy/alinux-4.oval.xml"),
            "--format",
            "json");
    assertThat(oval.code()).as(oval.err()).isZero();
    JsonNode row = JSON.readTree(oval.out()).get(0);
    assertThat(row.get("kind").asText()).isEqualTo("oval");
    assertThat(row.get("added").asInt()).isEqualTo(2);

    CliRun rss =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            db(),
            data("amazon/vunnel/tests/unit/providers/amazon/test-fixtures/input/2_rss.xml"),
            "--format",
            "json");
    assertThat(rss.code()).as(rss.err()).isZero();
    assertThat(JSON.readTree(rss.out()).get(0).get("kind").asText()).isEqualTo("rss");
    assertThat(JSON.readTree(rss.out()).get(0).get("added").asInt()).isEqualTo(1);

    JsonNode shown =
        JSON.readTree(
            CliRun.of(
                    "advisories", "show", "ALINUX4-SA-2025:0143", "--db", db(), "--format", "json")
                .out());
    assertThat(shown.get(0).get("source").asText()).endsWith("/oval");
    assertThat(shown.get(0).get("packages")).isNotEmpty();
  }

  @Test
  void listFiltersAndPrintsEveryFormat() throws Exception {
    CliRun.of("advisories", "import", "--db", db(), data(CORE), data(DOCKER));

    JsonNode all =
        JSON.readTree(CliRun.of("advisories", "list", "--db", db(), "--format", "json").out());
    assertThat(all.size()).isEqualTo(1618 + 49);

    JsonNode docker =
        JSON.readTree(
            CliRun.of(
                    "advisories",
                    "list",
                    "--db",
                    db(),
                    "--repo",
                    "amzn2extra-docker",
                    "--format",
                    "json")
                .out());
    assertThat(docker.size()).isEqualTo(49);
    assertThat(docker.get(0).get("source").asText()).isEqualTo("2/amzn2extra-docker");

    JsonNode critical =
        JSON.readTree(
            CliRun.of(
                    "advisories",
                    "list",
                    "--db",
                    db(),
                    "--severity",
                    "critical",
                    "--format",
                    "json")
                .out());
    assertThat(critical).isNotEmpty();
    critical.forEach(a -> assertThat(a.get("severity").asText()).isEqualTo("Critical"));

    CliRun csv =
        CliRun.of("advisories", "list", "--db", db(), "--cve", "CVE-2021-44228", "--format", "csv");
    assertThat(csv.out().lines().findFirst().orElseThrow())
        .isEqualTo("id,source,type,severity,issued,updated,packages,cves");

    CliRun table = CliRun.of("advisories", "list", "--db", db(), "--since", "2025-01-01");
    assertThat(table.code()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID  ");
    table.out().lines().skip(1).forEach(l -> assertThat(l).contains("2025-"));

    CliRun badSeverity = CliRun.of("advisories", "list", "--db", db(), "--severity", "urgent");
    assertThat(badSeverity.code()).isEqualTo(ExitCode.USAGE);
    assertThat(badSeverity.err()).contains("'urgent'");
  }

  @Test
  void showAndCveShowGiveAdvisoriesPackagesAndHistory() throws Exception {
    CliRun.of("advisories", "import", "--db", db(), data(DOCKER));
    JsonNode list =
        JSON.readTree(CliRun.of("advisories", "list", "--db", db(), "--format", "json").out());
    JsonNode first = list.get(0);
    String id = first.get("id").asText();

    JsonNode shown =
        JSON.readTree(CliRun.of("advisories", "show", id, "--db", db(), "--format", "json").out());
    assertThat(shown.size()).isEqualTo(1);
    JsonNode a = shown.get(0);
    assertThat(a.get("id").asText()).isEqualTo(id);
    assertThat(a.get("packages").size()).isEqualTo(first.get("packages").asInt());
    assertThat(a.get("history").get(0).get("change").asText()).isEqualTo("added");

    CliRun text = CliRun.of("advisories", "show", id, "--db", db());
    assertThat(text.out()).contains(id + "  (2/amzn2extra-docker)", "fixed packages:");

    String cve = a.get("cves").get(0).asText();
    JsonNode report =
        JSON.readTree(
            CliRun.of(
                    "cve",
                    "show",
                    cve.toLowerCase(java.util.Locale.ROOT),
                    "--db",
                    db(),
                    "--format",
                    "json")
                .out());
    assertThat(report.get("cve").asText()).isEqualTo(cve);
    assertThat(report.get("kev").isNull()).isTrue();
    List<String> ids =
        JSON.convertValue(report.get("advisories").findValuesAsText("id"), List.class);
    assertThat(ids).contains(id);

    CliRun missing = CliRun.of("advisories", "show", "ALAS2-1999-0001", "--db", db());
    assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
    CliRun unknownCve = CliRun.of("cve", "show", "CVE-1999-0001", "--db", db());
    assertThat(unknownCve.code()).isEqualTo(ExitCode.BAD_INPUT);
    CliRun notACve = CliRun.of("cve", "show", "CVE-12", "--db", db());
    assertThat(notACve.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void theDefaultStoreIsUnderXdgDataHome() {
    record Case(Map<String, String> env, String expected, String why) {}
    for (Case c :
        List.of(
            new Case(
                Map.of("XDG_DATA_HOME", "/data", "HOME", "/home/u"),
                "/data/fleetpatch/fleetpatch.db",
                "XDG_DATA_HOME wins"),
            new Case(
                Map.of("HOME", "/home/u"),
                "/home/u/.local/share/fleetpatch/fleetpatch.db",
                "unset: ~/.local/share"),
            new Case(
                Map.of("XDG_DATA_HOME", "relative", "HOME", "/home/u"),
                "/home/u/.local/share/fleetpatch/fleetpatch.db",
                "a relative XDG_DATA_HOME is ignored (XDG spec)"))) {
      assertThat(StoreOpener.defaultFile(c.env()).toString()).as(c.why()).isEqualTo(c.expected());
    }
  }

  @Test
  void aBadDbUrlIsAUsageError() {
    CliRun r = CliRun.of("advisories", "list", "--db", "postgresql://");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--db");
  }

  @Test
  void anUnreachablePostgresIsAnIoError() {
    CliRun r = CliRun.of("advisories", "list", "--db", "postgresql://nobody@127.0.0.1:1/none");
    assertThat(r.code()).isEqualTo(ExitCode.IO);
    assertThat(r.err()).contains("cannot connect").doesNotContain("password");
  }

  static void gunzip(Path from, Path to) throws Exception {
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(from));
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    }
  }
}
