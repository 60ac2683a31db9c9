package io.fleetpatch.compliance;

import static io.fleetpatch.compliance.Fixtures.AL2;
import static io.fleetpatch.compliance.Fixtures.finding;
import static io.fleetpatch.compliance.Fixtures.findings;
import static io.fleetpatch.compliance.Fixtures.host;
import static io.fleetpatch.compliance.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.match.FindingState;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** Exceptions exported as CycloneDX VEX: schema-valid, with the analysis and expiry. */
class VexExportTest {
  private static final Advisory A =
      security(
          "ALAS2-2024-0400", Severity.CRITICAL, "2024-01-01", "CVE-2024-6387", "CVE-2024-0001");

  @Test
  void aComplianceRunsWaivedItemsBecomeSchemaValidVexWithTheWaivedHosts() throws Exception {
    List<Waiver> ws =
        WaiverFile.parse(
            """
            exceptions:
              - id: EX-1
                advisory: ALAS2-2024-0400
                group: web
                justification: not reachable from the internet
                approver: alice@example.com
                created: 2024-01-05
                expires: 2024-04-05
                vex: {state: not_affected, justification: protected_at_perimeter}
            """,
            "ex.yaml");
    var policy =
        CompliancePolicy.of(
                PatchGroups.single(
                    PredefinedBaselines.byName(PredefinedBaselines.ALL_SECURITY).orElseThrow()),
                LocalDate.parse("2024-02-01"))
            .withWaivers(ws);
    var eval = new ComplianceEvaluator(policy);
    var hosts =
        List.of(
            Fixtures.judge(
                policy,
                findings(
                    host("web-1", "PatchGroup", "web"), AL2, finding(A, FindingState.MISSING))),
            Fixtures.judge(
                policy,
                findings(
                    host("web-2", "PatchGroup", "web"), AL2, finding(A, FindingState.MISSING))),
            Fixtures.judge(
                policy,
                findings(host("db-1", "PatchGroup", "db"), AL2, finding(A, FindingState.MISSING))));
    assertThat(eval.policy()).isSameAs(policy);
    var run = FleetCompliance.of(LocalDate.parse("2024-02-01"), "test", hosts);
    String json = VexExport.toJson(VexExport.of(run, ws));
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(new JsonParser().validate(bytes, Version.VERSION_16))
        .as("CycloneDX 1.6 schema")
        .isEmpty();
    JsonNode doc = new ObjectMapper().readTree(json);
    JsonNode vulns = doc.get("vulnerabilities");
    assertThat(vulns).as("one vulnerability per CVE of the waived advisory").hasSize(2);
    JsonNode v = vulns.get(0);
    assertThat(v.get("id").asText()).isEqualTo("CVE-2024-0001");
    assertThat(v.at("/analysis/state").asText()).isEqualTo("not_affected");
    assertThat(v.at("/analysis/justification").asText()).isEqualTo("protected_at_perimeter");
    assertThat(v.get("affects").findValuesAsText("ref"))
        .as("only the web hosts were waived")
        .containsExactly("host:web-1", "host:web-2");
    assertThat(v.get("properties").toString())
        .contains("fleetpatch:exception:expires")
        .contains("2024-04-05");
  }

  @Test
  void exceptionsAloneExportAsRiskAcceptanceWithTheirExpiry() throws Exception {
    Waiver w =
        new Waiver(
            "EX-2",
            new Waiver.Cve("CVE-2024-6387"),
            new Waiver.HostId("i-0abc"),
            "fix after the freeze",
            "bob",
            LocalDate.parse("2024-01-01"),
            LocalDate.parse("2024-03-01"),
            VexStatement.RISK_ACCEPTED);
    Waiver expired =
        new Waiver(
            "EX-3",
            new Waiver.Cve("CVE-2024-0002"),
            new Waiver.Fleet(),
            "old",
            "bob",
            LocalDate.parse("2023-01-01"),
            LocalDate.parse("2023-03-01"),
            VexStatement.RISK_ACCEPTED);
    String json =
        VexExport.toJson(VexExport.of(List.of(w, expired), LocalDate.parse("2024-02-01")));
    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
        .isEmpty();
    JsonNode vulns = new ObjectMapper().readTree(json).get("vulnerabilities");
    assertThat(vulns).as("expired exceptions are gone").hasSize(1);
    assertThat(vulns.get(0).at("/analysis/state").asText()).isEqualTo("exploitable");
    assertThat(vulns.get(0).at("/analysis/response/0").asText()).isEqualTo("will_not_fix");
  }
}
