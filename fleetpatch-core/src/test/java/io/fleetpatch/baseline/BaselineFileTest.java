package io.fleetpatch.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaselineFileTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(BaselineFileTest.class.getResource(name).toURI());
  }

  @Test
  void readsAwsGetPatchBaselineOutputAsItIs() throws Exception {
    Baseline b = BaselineFile.read(resource("get-patch-baseline.json"));
    assertThat(b.name()).isEqualTo("Amazon-Linux-2-Production");
    assertThat(b.operatingSystem()).isEqualTo("AMAZON_LINUX_2");
    assertThat(b.rules()).hasSize(2);
    PatchRule r1 = b.rules().get(0);
    assertThat(r1.approveAfterDays()).isEqualTo(7);
    assertThat(r1.complianceLevel()).isEqualTo(ComplianceLevel.CRITICAL);
    assertThat(r1.filters())
        .extracting(PatchFilter::key)
        .containsExactly(
            PatchFilterKey.PRODUCT, PatchFilterKey.CLASSIFICATION, PatchFilterKey.SEVERITY);
    assertThat(b.rules().get(1).approveUntilDate()).isEqualTo(LocalDate.parse("2024-06-30"));
    assertThat(b.approvedPatches())
        .extracting(PatchId::kind)
        .containsExactly(PatchId.Kind.CVE, PatchId.Kind.ADVISORY);
    assertThat(b.rejectedPatches()).extracting(PatchId::kind).containsExactly(PatchId.Kind.PACKAGE);
    assertThat(b.rejectedPatchesAction()).isEqualTo(RejectedAction.BLOCK);
    assertThat(b.approvedPatchesComplianceLevel()).isEqualTo(ComplianceLevel.HIGH);
    assertThat(b.patchGroups()).containsExactly("web-servers");
  }

  @Test
  void yamlOfTheSameShapeGivesTheSameBaseline() throws Exception {
    assertThat(BaselineFile.read(resource("production.yaml")))
        .isEqualTo(BaselineFile.read(resource("get-patch-baseline.json")));
  }

  @Test
  void writingAndReadingRoundTrips() throws Exception {
    Baseline b = BaselineFile.read(resource("get-patch-baseline.json"));
    Baseline again = BaselineFile.parse(BaselineFile.toJson(b), "out.json", false, "x");
    assertThat(again).isEqualTo(b);
    for (String name : PredefinedBaselines.names()) {
      Baseline p = PredefinedBaselines.byName(name).orElseThrow();
      assertThat(BaselineFile.parse(BaselineFile.toJson(p), "p.json", false, "x"))
          .as(name)
          .isEqualTo(p);
    }
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # yaml body                                                                                        | message                                       | why
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveAfterDays: 400'                                       | line 3 (ApprovalRules.PatchRules[0]): ApproveAfterDays must be 0-360 | API limit 0-360
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveAfterDays: 7\\n      ApproveUntilDate: 2024-01-01'  | exactly one of ApproveAfterDays and ApproveUntilDate | one approval date kind per rule
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveUntilDate: 31/12/2024'                               | line 3 (ApprovalRules.PatchRules[0].ApproveUntilDate): ApproveUntilDate must be YYYY-MM-DD, got '31/12/2024' | dates are YYYY-MM-DD
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveAfterDay: 7'                                         | unknown rule key 'ApproveAfterDay'            | typos are caught
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveAfterDays: 7\\n      PatchFilterGroup:\\n        PatchFilters:\\n          - Key: SEVERITY\\n            Values: [Urgent]' | line 6 (ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0]): unknown SEVERITY 'Urgent' | severities are the documented ones
          'ApprovalRules:\\n  PatchRules:\\n    - ApproveAfterDays: 7\\n      PatchFilterGroup:\\n        PatchFilters:\\n          - Key: CVE_ID\\n            Values: [x]' | filter key 'CVE_ID' is not a baseline property | CVE_ID is a query filter, not a baseline property on AL
          'RejectedPatchesAction: DENY'                                                                  | line 1 (RejectedPatchesAction): RejectedPatchesAction must be ALLOW_AS_DEPENDENCY or BLOCK, got 'DENY' | two actions only
          'RejectedPatches: [\"a*b*\"]'                                                                  | one wildcard only                             | UG: names with one wildcard
          'ApprovedPatchesComplianceLevel: SEVERE'                                                       | unknown compliance level 'SEVERE'             | six levels only
          'Nmae: x'                                                                                      | unknown key 'Nmae'                            | typos at the top level are caught
          '[1, 2'                                                                                        | not YAML                                      | syntax errors are problems too
          """)
  void problemsNameTheLineAndQuoteTheValue(String body, String message, String why) {
    String yaml = body.replace("\\n", "\n");
    assertThatThrownBy(() -> BaselineFile.parse(yaml, "b.yaml", true, "b"))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("b.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void patchIdsParseAndRoundTrip() {
    for (String s :
        List.of(
            "CVE-2018-1234567",
            "1234567",
            "RHSA-2017:0864",
            "ALAS-2018-123",
            "ALAS2KERNEL-5.10-2022-001",
            "ALINUX3-SA-2021:0002",
            "example-pkg-0.710.10-2.7.abcd.x86_64",
            "example-pkg-*.abcd.x86_64")) {
      assertThat(PatchId.parse(s).toString()).isEqualTo(s);
    }
    assertThat(PatchId.parse("RHSA-2017:0864").kind()).isEqualTo(PatchId.Kind.ADVISORY);
    assertThat(PatchId.parse("1234567").kind()).isEqualTo(PatchId.Kind.BUGZILLA);
    assertThat(PatchId.parse("example-pkg-*.abcd.x86_64").kind()).isEqualTo(PatchId.Kind.PACKAGE);
  }

  @Test
  void aBaselineFileOnDiskIsReadByExtension(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path f = dir.resolve("mine.yml");
    Files.writeString(f, "ApprovalRules:\n  PatchRules:\n    - ApproveAfterDays: 3\n");
    Baseline b = BaselineFile.read(f);
    assertThat(b.name()).as("no Name: the file name").isEqualTo("mine");
    assertThat(b.rules().get(0).approveAfterDays()).isEqualTo(3);
  }
}
