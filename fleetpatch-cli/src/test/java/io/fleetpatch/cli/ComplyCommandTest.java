package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetpatch comply} end to end, in-process, on a generated fleet and real advisories. */
class ComplyCommandTest {
  @TempDir static Path dir;
  static Path fleet;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void generate() throws Exception {
    fleet = dir.resolve("fleet");
    new ReportFleet().write(fleet, 40, 7);
  }

  private static String[] comply(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "comply",
                fleet.toString(),
                "--advisories",
                ReportFleet.AL2_CORE.toString(),
                ReportFleet.AL2023_CORE.toString(),
                "--as-of",
                "2025-03-01",
                "--no-progress"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void judgesEachHostByItsOsDefaultBaselineAndExitsOneWhenNonCompliant() throws Exception {
    Run r =
        run(
            comply(
                "--format",
                "json",
                "--kev",
                SharedData.data("kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.json")
                    .toString(),
                "--sla",
                "critical=3,important=10"));
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(r.err()).doesNotContain("warning");
    JsonNode d = new ObjectMapper().readTree(r.out());
    assertThat(d.get("schema").asText()).isEqualTo("fleetpatch.compliance/v1");
    assertThat(d.get("hosts")).hasSize(40);
    assertThat(d.at("/fleet/hosts").asInt()).isEqualTo(40);
    int importantDeadlines = 0;
    for (JsonNode h : d.get("hosts")) {
      String os = h.get("os").asText();
      String expected =
          switch (os) {
            case "Amazon Linux 2" -> "AWS-AmazonLinux2DefaultPatchBaseline";
            case "Amazon Linux 2023" -> "AWS-AmazonLinux2023DefaultPatchBaseline";
            case "Amazon Linux AMI 2018.03" -> "AWS-AmazonLinuxDefaultPatchBaseline";
            default -> "AWS-RedHatDefaultPatchBaseline";
          };
      assertThat(h.get("baseline").asText()).as(h.get("host").asText()).isEqualTo(expected);
      for (JsonNode i : h.get("items")) {
        if (i.get("state").asText().equals("MISSING")
            && i.get("severity").asText().equals("Important")
            && !i.get("kev").asBoolean()
            && i.get("type").asText().equals("security")) {
          assertThat(java.time.LocalDate.parse(i.get("deadline").asText()))
              .as("--sla important=10: due 10 days after issue")
              .isEqualTo(java.time.LocalDate.parse(i.get("issued").asText()).plusDays(10));
          importantDeadlines++;
        }
        if (i.get("state").asText().equals("MISSING")) {
          assertThat(i.get("type").asText() + "/" + i.get("severity").asText())
              .as("the AWS default baselines approve Security Critical/Important and Bugfix")
              .isIn(
                  "security/Critical",
                  "security/Important",
                  "bugfix/None",
                  "bugfix/Low",
                  "bugfix/Medium",
                  "bugfix/Important",
                  "bugfix/Critical");
          assertThat(i.get("approvedOn").asText().compareTo("2025-03-01")).isLessThanOrEqualTo(0);
        }
      }
      boolean open = false;
      for (JsonNode i : h.get("items")) {
        open |= List.of("MISSING", "INSTALLED_PENDING_REBOOT").contains(i.get("state").asText());
      }
      assertThat(h.get("compliant").asBoolean()).as(h.get("host").asText()).isEqualTo(!open);
    }
    assertThat(importantDeadlines).isPositive();
    assertThat(d.at("/fleet/nonCompliant").asInt()).isPositive();
    assertThat(d.at("/fleet/osEndOfLife").asInt()).as("AL1 and CentOS 7 hosts").isPositive();
  }

  @Test
  void aFleetWithNothingMissingIsCompliantAndExitsZero() throws Exception {
    Path one = dir.resolve("empty-host.json");
    Files.writeString(
        one,
        """
        {"schema":"fleetpatch.inventory/v1","host":{"id":"bare"},
         "os":{"ID":"amzn","VERSION_ID":"2"},"packages":[],"source":"test"}
        """);
    Run r =
        run(
            "comply",
            one.toString(),
            "--advisories",
            ReportFleet.AL2_CORE.toString(),
            "--baseline",
            "fleetpatch-AllSecurityNoDelay",
            "--as-of",
            "2025-03-01",
            "--no-progress");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("bare").contains("1 compliant");
  }

  @Test
  void aBadBaselineFileIsOneLineNamingTheLineAndExitsThree() throws Exception {
    Path b = dir.resolve("bad.yaml");
    Files.writeString(b, "ApprovalRules:\n  PatchRules:\n    - ApproveAfterDays: 999\n");
    Run r = run(comply("--baseline", b.toString()));
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err().strip()).doesNotContain("\n").contains("bad.yaml: line 3").contains("0-360");
  }

  @Test
  void anUnknownBaselineNameIsAUsageError() {
    Run r = run(comply("--baseline", "AWS-NoSuchBaseline"));
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("neither a file nor a predefined baseline");
  }

  @Test
  void exceptionsAreAddedAuditedAppliedAndExportedAsVex() throws Exception {
    Path ex = dir.resolve("exceptions.yaml");
    Run add =
        run(
            "comply",
            "exceptions",
            "add",
            "--exceptions",
            ex.toString(),
            "--id",
            "EX-1",
            "--group",
            "web",
            "--justification",
            "web tier behind the WAF",
            "--approver",
            "alice@example.com",
            "--created",
            "2025-01-01",
            "--expires",
            "2025-06-01");
    assertThat(add.code()).as(add.err()).isZero();
    Path audit = dir.resolve("exceptions.yaml.audit.jsonl");
    assertThat(Files.readAllLines(audit))
        .hasSize(1)
        .first()
        .asString()
        .contains("\"action\":\"created\"");
    Path vex = dir.resolve("waived.cdx.json");
    Run r = run(comply("--format", "json", "--exceptions", ex.toString(), "--vex", vex.toString()));
    JsonNode d = new ObjectMapper().readTree(r.out());
    for (JsonNode h : d.get("hosts")) {
      if ("web".equals(h.get("patchGroup").asText(null))) {
        assertThat(h.get("compliant").asBoolean())
            .as("every advisory waived on web hosts")
            .isTrue();
      }
    }
    assertThat(d.at("/fleet/waived").asInt()).isPositive();
    byte[] bom = Files.readAllBytes(vex);
    assertThat(new JsonParser().validate(bom, Version.VERSION_16)).isEmpty();
    assertThat(new String(bom, StandardCharsets.UTF_8)).contains("EX-1").contains("host:i-");
    assertThat(Files.readAllLines(audit)).as("no new record while it is active").hasSize(1);
    String[] laterArgs = comply("--format", "csv", "--exceptions", ex.toString());
    laterArgs[java.util.Arrays.asList(laterArgs).indexOf("2025-03-01")] = "2025-06-01";
    Run later = run(laterArgs);
    assertThat(later.code()).as(later.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(later.out()).doesNotContain("EX-1");
    assertThat(Files.readAllLines(audit))
        .hasSize(2)
        .last()
        .asString()
        .contains("\"action\":\"expired\"");
  }
}
