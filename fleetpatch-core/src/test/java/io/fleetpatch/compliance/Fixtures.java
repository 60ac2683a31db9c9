package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import io.fleetpatch.match.RepoScope;
import io.fleetpatch.rpm.Nevra;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small hand-made advisories, hosts and findings for the compliance scenario tests. */
final class Fixtures {
  static final OsRelease AL2 =
      new OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2", "PRETTY_NAME", "Amazon Linux 2"));
  static final OsRelease AL2023 =
      new OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2023", "PRETTY_NAME", "Amazon Linux 2023"));

  private Fixtures() {}

  /** An AL2 advisory from amzn2-core fixing openssl, issued and updated at midnight UTC. */
  static Advisory advisory(
      String id,
      AdvisoryType type,
      Severity severity,
      String issued,
      String updated,
      String... cves) {
    return new Advisory(
        id,
        new AdvisorySource("2", "amzn2-core"),
        type,
        severity,
        severity.label().toLowerCase(),
        issued == null ? null : instant(issued),
        updated == null ? null : instant(updated),
        id,
        "",
        List.of(cves),
        List.of(),
        List.of(FixedPackage.of(Nevra.parse("openssl-1.0.2k-24.amzn2.0.7.x86_64"), "openssl.rpm")),
        false,
        "");
  }

  static Advisory security(String id, Severity s, String updated, String... cves) {
    return advisory(id, AdvisoryType.SECURITY, s, updated, updated, cves);
  }

  static Instant instant(String dayOrTime) {
    return dayOrTime.length() == 10
        ? Instant.parse(dayOrTime + "T00:00:00Z")
        : Instant.parse(dayOrTime);
  }

  static Finding finding(Advisory a, FindingState state) {
    return new Finding(a, state, List.of(), List.of(), "test fixture");
  }

  static Host host(String id, String... tags) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < tags.length; i += 2) {
      m.put(tags[i], tags[i + 1]);
    }
    return new Host(id, id, m);
  }

  static HostFindings findings(Host host, OsRelease os, Finding... fs) {
    List<Finding> sorted = new ArrayList<>(Arrays.asList(fs));
    sorted.sort((a, b) -> a.advisoryId().compareTo(b.advisoryId()));
    return new HostFindings(
        host, os, null, new RepoScope(Set.of(), RepoScope.Basis.ALL, List.of("test")), sorted);
  }

  static Inventory inventory(Host host, OsRelease os, String... nevras) {
    List<InstalledPackage> pkgs = new ArrayList<>();
    for (String n : nevras) {
      pkgs.add(InstalledPackage.of(Nevra.parse(n)));
    }
    return new Inventory(host, os, null, pkgs, null, null, null, "test");
  }

  /** Judges one host with one baseline on a day. */
  static HostCompliance judge(Baseline b, String asOf, HostFindings hf) {
    return judge(CompliancePolicy.of(PatchGroups.single(b), LocalDate.parse(asOf)), hf);
  }

  static HostCompliance judge(CompliancePolicy p, HostFindings hf) {
    return new ComplianceEvaluator(p).evaluate(inventory(hf.host(), hf.os()), hf);
  }

  static ComplianceItem only(HostCompliance h) {
    if (h.items().size() != 1) {
      throw new AssertionError("expected one item, got " + h.items());
    }
    return h.items().get(0);
  }
}
