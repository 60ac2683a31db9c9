package io.fleetpatch.match;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which advisory repos apply to a host, and why (DESIGN.md §5, repo and stream scoping).
 *
 * @param repos the advisory repo ids (as in {@code AdvisorySource.repo}) the host uses
 * @param basis how they were decided
 * @param reasons one line per decision, e.g. "amzn2extra-kernel-5.10: inferred from installed
 *     kernel-5.10.210-201.855.amzn2.x86_64"; written into every finding's evidence
 */
public record RepoScope(Set<String> repos, Basis basis, List<String> reasons) {
  /** Where the repo set came from. */
  public enum Basis {
    /** The inventory's {@code repos} (the host's enabled yum/dnf repos), mapped to data ids. */
    INVENTORY,
    /** Inferred from installed packages (no repo list in the inventory). */
    INFERRED,
    /** No scoping: every advisory repo applies (the caller asked for it). */
    ALL
  }

  public RepoScope {
    repos = Set.copyOf(repos);
    Objects.requireNonNull(basis, "basis");
    reasons = List.copyOf(reasons);
  }

  public boolean includes(String repo) {
    return basis == Basis.ALL || repos.contains(repo);
  }
}
