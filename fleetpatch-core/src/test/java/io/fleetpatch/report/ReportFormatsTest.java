package io.fleetpatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.compliance.ComplianceEvaluator;
import io.fleetpatch.compliance.CompliancePolicy;
import io.fleetpatch.compliance.FleetCompliance;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.KnownExploited;
import io.fleetpatch.compliance.SlaPolicy;
import io.fleetpatch.compliance.VexStatement;
import io.fleetpatch.compliance.Waiver;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.RepoScope;
import io.fleetpatch.rpm.Nevra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compliance JSON (golden file), CSV and HTML of a small fleet. */
class ReportFormatsTest {
  private static final Path GOLDEN =
      Path.of("src/test/resources/io/fleetpatch/report/compliance-small.golden.json");

  private static Advisory adv(String id, Severity s, String day, String... cves) {
    return new Advisory(
        id,
        new AdvisorySource("2", "amzn2-core"),
        AdvisoryType.SECURITY,
        s,
        s.label().toLowerCase(),
        Instant.parse(day + "T00:00:00Z"),
        Instant.parse(day + "T00:00:00Z"),
        "",
        "",
        List.of(cves),
        List.of(),
        List.of(FixedPackage.of(Nevra.parse("openssl-1.0.2k-24.amzn2.x86_64"), null)),
        false,
        "");
  }

  static FleetCompliance smallFleet() {
    Advisory crit = adv("ALAS2-2024-0001", Severity.CRITICAL, "2024-01-01", "CVE-2021-44228");
    Advisory imp = adv("ALAS2-2024-0002", Severity.IMPORTANT, "2024-01-10", "CVE-2024-0002");
    OsRelease al2 =
        new OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2", "PRETTY_NAME", "Amazon Linux 2"));
    OsRelease al1 =
        new OsRelease(
            Map.of(
                "ID", "amzn", "VERSION_ID", "2018.03", "PRETTY_NAME", "Amazon Linux AMI 2018.03"));
    Waiver w =
        new Waiver(
            "EX-1",
            new Waiver.Cve("CVE-2024-0002"),
            new Waiver.Group("db"),
            "db tier is isolated",
            "alice",
            LocalDate.parse("2024-01-01"),
            LocalDate.parse("2024-12-31"),
            VexStatement.RISK_ACCEPTED);
    CompliancePolicy p =
        CompliancePolicy.of(
                PatchGroups.single(
                    PredefinedBaselines.byName(PredefinedBaselines.AL2).orElseThrow()),
                LocalDate.parse("2024-03-01"))
            .withWaivers(List.of(w))
            .withSla(SlaPolicy.DEFAULT, KnownExploited.of(Set.of("CVE-2021-44228")));
    ComplianceEvaluator e = new ComplianceEvaluator(p);
    RepoScope scope = new RepoScope(Set.of(), RepoScope.Basis.ALL, List.of("test"));
    List<HostCompliance> hosts =
        List.of(
            judge(
                e,
                new Host("web-1", "web-1.example", Map.of("PatchGroup", "web")),
                al2,
                scope,
                new Finding(crit, FindingState.MISSING, List.of(), List.of(), "r"),
                new Finding(imp, FindingState.INSTALLED, List.of(), List.of(), "r")),
            judge(
                e,
                new Host("db-1", null, Map.of("Patch Group", "db")),
                al2,
                scope,
                new Finding(imp, FindingState.MISSING, List.of(), List.of(), "r")),
            judge(
                e,
                new Host("<old & \"legacy\">", null, Map.of()),
                al1,
                scope,
                new Finding(
                    crit, FindingState.INSTALLED_PENDING_REBOOT, List.of(), List.of(), "r")));
    return FleetCompliance.of(LocalDate.parse("2024-03-01"), "test-data-1", hosts);
  }

  private static HostCompliance judge(
      ComplianceEvaluator e, Host h, OsRelease os, RepoScope scope, Finding... fs) {
    return e.evaluate(
        new Inventory(h, os, null, List.of(), null, null, null, "test"),
        new HostFindings(h, os, null, scope, List.of(fs)));
  }

  @Test
  void theJsonMatchesItsGoldenFile() throws Exception {
    StringWriter s = new StringWriter();
    ComplianceJson.write(s, smallFleet());
    String json = s.toString();
    if (Boolean.getBoolean("fleetpatch.updateGoldens")) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertThat(json).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void theJsonHasTheDesignedShape() throws Exception {
    StringWriter s = new StringWriter();
    ComplianceJson.write(s, smallFleet());
    JsonNode d = new ObjectMapper().readTree(s.toString());
    assertThat(d.get("schema").asText()).isEqualTo("fleetpatch.compliance/v1");
    assertThat(d.get("asOf").asText()).isEqualTo("2024-03-01");
    JsonNode web = d.at("/hosts/0");
    assertThat(web.get("compliant").asBoolean()).isFalse();
    JsonNode item = web.at("/items/0");
    assertThat(item.get("advisory").asText()).isEqualTo("ALAS2-2024-0001");
    assertThat(item.get("state").asText()).isEqualTo("MISSING");
    assertThat(item.get("approvedOn").asText())
        .as("7 days after the update")
        .isEqualTo("2024-01-08");
    assertThat(item.get("deadline").asText())
        .as("KEV: 14 days, but Critical is 7")
        .isEqualTo("2024-01-08");
    assertThat(item.get("overdueDays").asInt()).isEqualTo(53);
    assertThat(d.at("/hosts/1/items/0/exception").asText()).isEqualTo("EX-1");
    assertThat(d.at("/hosts/1/compliant").asBoolean()).as("waived").isTrue();
    assertThat(d.at("/hosts/2/lifecycle/osEndOfLife").asBoolean()).isTrue();
    assertThat(d.at("/hosts/2/lifecycle/osDaysPastEndOfLife").asInt())
        .as("AL1 ended 2023-12-31; 2024-03-01 is 61 days later")
        .isEqualTo(61);
    assertThat(d.at("/fleet/hosts").asInt()).isEqualTo(3);
    assertThat(d.at("/fleet/compliant").asInt()).isEqualTo(1);
    assertThat(d.at("/fleet/byGroup/0/key").asText()).isEqualTo("(none)");
  }

  @Test
  void theCsvHasOneRowPerItemAndQuotesAsRfc4180() {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    ComplianceCsv.header(p);
    smallFleet().hosts().forEach(h -> ComplianceCsv.host(p, h));
    p.flush();
    String[] lines = s.toString().split("\r\n");
    assertThat(lines).hasSize(1 + 4);
    assertThat(lines[4]).startsWith("\"<old & \"\"legacy\"\">\",");
  }

  @Test
  void theHtmlReportIsSelfContainedAndEscapesHostNames() {
    StringWriter s = new StringWriter();
    HtmlReport.write(new PrintWriter(s), smallFleet());
    String html = s.toString();
    assertThat(html)
        .contains("<svg id=\"fleet-chart\"")
        .contains("id=\"overdue\"")
        .contains("id=\"eol\"");
    assertThat(html)
        .as("no external assets")
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http")
        .doesNotContain("<script");
    assertThat(html).contains("&lt;old &amp; &quot;legacy&quot;&gt;").doesNotContain("<old &");
    assertThat(html).contains("Overdue (2)");
  }
}
