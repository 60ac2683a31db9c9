package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One host × one advisory (DESIGN.md §4). The host is the enclosing {@link HostFindings}: a finding
 * does not repeat it, so that hosts with the same packages, repos and kernel share their findings
 * (DESIGN.md §8).
 *
 * @param advisory the advisory (id, source repo, severity, type, CVEs, dates)
 * @param state the advisory's state on the host: the worst of its package rows, or
 *     MITIGATED_BY_LIVEPATCH when the only missing rows are kernel packages and a live patch for
 *     the running kernel covers every CVE of the advisory
 * @param packages the advisory's package rows whose name is installed (any arch), with evidence
 * @param mitigatedCves CVEs of this advisory that a live patch for the running kernel fixes
 * @param rule one line: the rule that decided the advisory's state (and the repo scoping basis)
 */
public record Finding(
    Advisory advisory,
    FindingState state,
    List<PackageEvidence> packages,
    List<String> mitigatedCves,
    String rule) {
  public Finding {
    Objects.requireNonNull(advisory, "advisory");
    Objects.requireNonNull(state, "state");
    packages = List.copyOf(packages);
    mitigatedCves = List.copyOf(mitigatedCves);
    Objects.requireNonNull(rule, "rule");
  }

  public String advisoryId() {
    return advisory.id();
  }

  public AdvisorySource source() {
    return advisory.source();
  }

  /** The advisory's repo id ({@code AdvisorySource.repo}). */
  public String repo() {
    return advisory.source().repo();
  }

  public Severity severity() {
    return advisory.severity();
  }

  public AdvisoryType type() {
    return advisory.type();
  }

  public List<String> cves() {
    return advisory.cves();
  }

  /** The package rows dnf {@code updateinfo list} would print for this host. */
  public List<PackageEvidence> missingPackages() {
    return packages.stream().filter(p -> p.state() == FindingState.MISSING).toList();
  }
}
