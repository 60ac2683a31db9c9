package io.fleetpatch.advisory.store;

import java.util.Set;

/**
 * Whole repos to read from the store ({@link AdvisoryRepository#list(RepoSelection)}): every
 * advisory of each repo ({@code AdvisorySource.repo}, of whatever release) that publishes at least
 * one advisory for a release in {@code releases}, is named in {@code repos}, starts with one of
 * {@code repoPrefixes}, or has an advisory fixing a package named in {@code packageNames}.
 *
 * <p>Repos are always read whole, so that what a matcher learns about a repo from its advisories
 * (its release, the names and builds it ships) is what it would learn from the full store.
 *
 * @param releases {@code AdvisorySource.release} values ({@code 2}, {@code 2023})
 * @param repos repo ids, exactly
 * @param repoPrefixes repo id prefixes ({@code amzn2extra-}), compared exactly (case-sensitive)
 * @param packageNames fixed package names ({@code kernel-livepatch-5.10.176-157.645})
 */
public record RepoSelection(
    Set<String> releases, Set<String> repos, Set<String> repoPrefixes, Set<String> packageNames) {
  public RepoSelection {
    releases = Set.copyOf(releases);
    repos = Set.copyOf(repos);
    repoPrefixes = Set.copyOf(repoPrefixes);
    packageNames = Set.copyOf(packageNames);
  }

  /** Selects no repo. */
  public boolean isEmpty() {
    return releases.isEmpty()
        && repos.isEmpty()
        && repoPrefixes.isEmpty()
        && packageNames.isEmpty();
  }
}
