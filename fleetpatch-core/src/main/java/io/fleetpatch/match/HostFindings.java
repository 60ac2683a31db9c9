package io.fleetpatch.match;

import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.OsRelease;
import java.util.List;
import java.util.Objects;

/**
 * Everything the matcher found for one host. The CVE view is computed on demand: {@link
 * CveView#of(HostFindings, CveEnrichment)}.
 *
 * @param host the host
 * @param os its os-release
 * @param kernel the running kernel ({@code uname -r}), or null when unknown
 * @param scope the advisory repos that apply, and why
 * @param findings one per advisory that has a package row whose name is installed, sorted by
 *     advisory id; advisories whose packages are not installed at all are left out
 * @param counts the findings per state and the MISSING package rows (must agree with {@code
 *     findings}; the matcher counts as it decides)
 */
public record HostFindings(
    Host host,
    OsRelease os,
    String kernel,
    RepoScope scope,
    List<Finding> findings,
    FindingCounts counts) {
  public HostFindings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(scope, "scope");
    findings = findings instanceof FindingList flat ? flat : List.copyOf(findings);
    Objects.requireNonNull(counts, "counts");
  }

  /** Counts the findings. */
  public HostFindings(
      Host host, OsRelease os, String kernel, RepoScope scope, List<Finding> findings) {
    this(host, os, kernel, scope, findings, FindingCounts.of(findings));
  }

  public String hostId() {
    return host.id();
  }

  /** Findings in one state. */
  public List<Finding> inState(FindingState state) {
    return findings.stream().filter(f -> f.state() == state).toList();
  }
}
