package io.fleetpatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle's tricky cases (shared/oracle/cases/tricky, README §7), one named test per advisory
 * row: fleetpatch's MISSING rows must be exactly the rows real dnf 4.14 printed for {@code
 * updateinfo list --security} (results/tricky/list_security.txt), and its INSTALLED rows those of
 * {@code --installed}.
 */
class TrickyCasesTest {
  static final Path CASE = SharedData.oracle("cases/tricky");
  static final Path DNF = SharedData.oracle("results/tricky");
  static HostFindings host;
  static HostFindings anyType;
  static Set<String> dnfSecurity;
  static Set<String> dnfInstalled;
  static Set<String> dnfAnyType;

  @BeforeAll
  static void match() throws IOException {
    var advisories =
        OracleFormats.readAdvisories(
            CASE.resolve("advisories.txt"), new AdvisorySource("test", "oracle0"));
    var inv =
        OracleFormats.inventory(
            "tricky",
            OracleFormats.readPkgs(CASE.resolve("host.pkgs")),
            List.of("oracle0"),
            "5.10.210-1.x86_64");
    AdvisoryIndex index = AdvisoryIndex.of(advisories);
    host = Matcher.match(inv, index);
    anyType =
        new Matcher(index, new MatchOptions(EnumSet.allOf(AdvisoryType.class), true, true))
            .match(inv);
    dnfSecurity = new HashSet<>(OracleFormats.readListing(DNF.resolve("list_security.txt")));
    dnfInstalled = new HashSet<>(OracleFormats.readListing(DNF.resolve("list_installed.txt")));
    dnfAnyType = new HashSet<>(OracleFormats.readListing(DNF.resolve("list_any_type.txt")));
  }

  static Stream<Arguments> rows() throws IOException {
    return OracleFormats.readListing(CASE.resolve("expected.txt")).stream()
        .map(l -> l.split("\\s+", 4))
        .map(f -> Arguments.of(f[0], f[1], f[3]));
  }

  static Set<String> rowsIn(HostFindings h, Set<FindingState> states) {
    Set<String> out = new HashSet<>();
    for (Finding f : h.findings()) {
      for (PackageEvidence p : f.packages()) {
        if (states.contains(p.state())) {
          out.add(f.advisoryId() + " " + OracleFormats.dnfNevra(p.fixed()));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("rows")
  void rowIsMissingExactlyWhenDnfListsIt(String advisory, String nevra, String why) {
    String row = advisory + " " + nevra;
    assertThat(rowsIn(host, Set.of(FindingState.MISSING)).contains(row))
        .as("MISSING %s (dnf --security lists it: %s)", row, dnfSecurity.contains(row))
        .isEqualTo(dnfSecurity.contains(row));
    assertThat(
            rowsIn(host, Set.of(FindingState.INSTALLED, FindingState.INSTALLED_PENDING_REBOOT))
                .contains(row))
        .as("INSTALLED %s (dnf --installed lists it: %s)", row, dnfInstalled.contains(row))
        .isEqualTo(dnfInstalled.contains(row));
    assertThat(rowsIn(anyType, Set.of(FindingState.MISSING)).contains(row))
        .as("any type %s", row)
        .isEqualTo(dnfAnyType.contains(row));
  }

  @Test
  void wholeListingsEqualDnf() {
    assertThat(rowsIn(host, Set.of(FindingState.MISSING))).isEqualTo(dnfSecurity);
    assertThat(rowsIn(anyType, Set.of(FindingState.MISSING))).isEqualTo(dnfAnyType);
    assertThat(rowsIn(host, Set.of(FindingState.INSTALLED, FindingState.INSTALLED_PENDING_REBOOT)))
        .isEqualTo(dnfInstalled);
  }

  @Test
  void evidenceNamesTheRule() {
    Finding mid =
        host.findings().stream()
            .filter(f -> f.advisoryId().equals("ORC-KERNEL-MID"))
            .findFirst()
            .orElseThrow();
    assertThat(mid.state()).isEqualTo(FindingState.INSTALLED);
    assertThat(mid.packages().get(0).rule()).isEqualTo(DecisionRule.OLDER_KERNEL_NOT_RUNNING);
    assertThat(mid.packages().get(0).installed()).hasSize(2);
    Finding archA =
        host.findings().stream()
            .filter(f -> f.advisoryId().equals("ORC-ARCH-A"))
            .findFirst()
            .orElseThrow();
    assertThat(archA.state()).isEqualTo(FindingState.NOT_APPLICABLE);
    assertThat(archA.packages().get(0).rule()).isEqualTo(DecisionRule.ARCH_MISMATCH);
    assertThat(host.findings()).noneMatch(f -> f.advisoryId().equals("ORC-NOTINST"));
  }
}
