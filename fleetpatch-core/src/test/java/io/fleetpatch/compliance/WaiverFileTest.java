package io.fleetpatch.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.problem.ProblemException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaiverFileTest {
  private static final String FILE =
      """
      exceptions:
        - id: EX-2026-001
          cve: CVE-2024-6387
          group: web
          justification: sshd is not reachable from outside the VPC
          approver: alice@example.com
          created: 2026-01-10
          expires: 2026-04-10
          vex:
            state: not_affected
            justification: protected_at_perimeter
        - id: EX-2026-002
          advisory: ALAS2-2024-2377
          host: i-0abc
          justification: vendor appliance, fix scheduled with the vendor
          approver: bob@example.com
          created: 2026-01-11
          expires: 2026-02-11
      """;

  @Test
  void readsScopesDatesAndVexStatements() {
    List<Waiver> ws = WaiverFile.parse(FILE, "ex.yaml");
    assertThat(ws)
        .extracting(Waiver::scope)
        .containsExactly("CVE-2024-6387 on group web", "ALAS2-2024-2377 on host i-0abc");
    assertThat(ws.get(0).vex().justification()).isEqualTo("protected_at_perimeter");
    assertThat(ws.get(1).vex())
        .as("no vex: a risk acceptance")
        .isEqualTo(VexStatement.RISK_ACCEPTED);
    assertThat(ws.get(1).expires()).isEqualTo(LocalDate.parse("2026-02-11"));
  }

  @Test
  void writingAndReadingRoundTrips() {
    List<Waiver> ws = WaiverFile.parse(FILE, "ex.yaml");
    assertThat(WaiverFile.parse(WaiverFile.toYaml(ws), "again.yaml")).isEqualTo(ws);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # entry (after '- id: X')                                                          | message                                          | why
          '    cve: CVE-1\\n    justification: j\\n    approver: a\\n    created: 2026-01-01\\n    expires: 2026-02-01' | line 2 (exceptions[0]): not a CVE id: 'CVE-1' | CVE ids are checked
          '    cve: CVE-2024-1234\\n    approver: a\\n    created: 2026-01-01\\n    expires: 2026-02-01'             | needs a justification                          | a justification is required
          '    cve: CVE-2024-1234\\n    justification: j\\n    created: 2026-01-01\\n    expires: 2026-02-01'           | needs an approver                              | an approver is required
          '    cve: CVE-2024-1234\\n    justification: j\\n    approver: a\\n    created: 2026-01-01'                   | needs 'expires'                                | every exception expires
          '    cve: CVE-2024-1234\\n    justification: j\\n    approver: a\\n    created: 2026-01-01\\n    expires: 1 Feb' | expires must be YYYY-MM-DD, got '1 Feb'    | dates are YYYY-MM-DD
          '    cve: CVE-2024-1234\\n    advisory: ALAS2-2024-1\\n    justification: j\\n    approver: a\\n    created: 2026-01-01\\n    expires: 2026-02-01' | either cve or advisory | one subject
          '    cve: CVE-2024-1234\\n    justification: j\\n    approver: a\\n    created: 2026-01-01\\n    expires: 2026-02-01\\n    expiry: 2026-03-01' | unknown key 'expiry' | typos are caught
          '    cve: CVE-2024-1234\\n    justification: j\\n    approver: a\\n    created: 2026-01-01\\n    expires: 2026-02-01\\n    vex:\\n      state: not_affected' | not_affected needs a justification | CycloneDX expects a justification for not_affected
          """)
  void problemsNameTheLine(String entry, String message, String why) {
    String yaml = "exceptions:\n  - id: X\n" + entry.replace("\\n", "\n") + "\n";
    assertThatThrownBy(() -> WaiverFile.parse(yaml, "ex.yaml"))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("ex.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void duplicateIdsAreRefused() {
    String twice = FILE + FILE.substring(FILE.indexOf("  - id: EX-2026-001"));
    assertThatThrownBy(() -> WaiverFile.parse(twice, "ex.yaml"))
        .hasMessageContaining("duplicate exception id 'EX-2026-001'");
  }
}
