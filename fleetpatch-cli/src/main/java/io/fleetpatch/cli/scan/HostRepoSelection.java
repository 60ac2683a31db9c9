package io.fleetpatch.cli.scan;

import io.fleetpatch.advisory.store.RepoSelection;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.match.AmazonRepoIds;
import io.fleetpatch.match.MatchOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store's repos that can change the findings of a set of hosts, so that a scan reads only those
 * advisories (a one-host AL2023 scan reads 1,131 of the 5,393 Amazon advisories) and still gets
 * exactly the findings a scan against the whole store gets.
 *
 * <p>This follows what the matcher looks at (io.fleetpatch.match.RepoScoper and Matcher; keep the
 * two in step, HostRepoSelectionTest compares both ways on real hosts):
 *
 * <ul>
 *   <li>A host uses the repos its inventory lists, or their alias (the AL2023 host section {@code
 *       amazonlinux} publishes as {@code amazonlinux-2023}, {@code kernel-livepatch} as {@code
 *       amazonlinux-2023-kernel-livepatch}, AmazonRepoIds.ALIASES): those names are selected.
 *   <li>Without a list the repos are inferred from the release (os-release VERSION_ID): the core
 *       repo of an Amazon Linux release by name (AmazonRepoIds.CORE), every AL2 extras topic
 *       ({@code amzn2extra-*}, whose package names and builds decide the AL2 topic inference),
 *       AL2023's live patch repos by name, and for any other release every repo that publishes for
 *       it (RepoScoper compares the release of a repo's first advisory).
 *   <li>Live patch CVEs come from every repo's {@code kernel-livepatch-<kernel>} rows, whatever the
 *       scope (Matcher.mitigatedCves): repos fixing an installed live patch name are selected.
 * </ul>
 *
 * <p>Repos are read whole, and a repo the hosts cannot use changes nothing (its rows are skipped as
 * out of scope), so reading more than needed is always safe. No selection (read everything) when
 * scoping is off, when out-of-scope advisories are reported ({@code --all-states}, where every
 * repo's installed packages show as NOT_APPLICABLE), or when a host has no VERSION_ID (its release
 * is inferred from dist tags, or unknown and then every repo applies).
 */
public final class HostRepoSelection {
  /** Live patch package names: {@code kernel-livepatch-<kernel version>-<kernel release>}. */
  private static final String LIVEPATCH_PREFIX = "kernel-livepatch-";

  /** The store's release label of Amazon Linux 1 (VERSION_ID 2018.03; UpdateinfoSources). */
  private static final String AL1_VERSION_ID = "2018.03";

  private HostRepoSelection() {}

  /** The repos to read for these hosts, or empty to read the whole store. */
  public static Optional<RepoSelection> of(List<Inventory> hosts, MatchOptions options) {
    if (!options.scopeRepos() || options.reportOutOfScope() || hosts.isEmpty()) {
      return Optional.empty();
    }
    Set<String> releases = new HashSet<>();
    Set<String> repos = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    Set<String> livepatches = new HashSet<>();
    for (Inventory inv : hosts) {
      String release = inv.os().versionId();
      if (release.isEmpty()) {
        return Optional.empty();
      }
      releases.add(release);
      if (release.equals(AL1_VERSION_ID)) {
        releases.add("1");
      }
      repos.addAll(AmazonRepoIds.CORE.getOrDefault(release, List.of()));
      if (release.equals("2023")) {
        repos.addAll(AmazonRepoIds.AL2023_LIVEPATCH);
      }
      if (release.equals("2")) {
        prefixes.add(AmazonRepoIds.AL2_EXTRAS);
      }
      if (inv.repos() != null) {
        for (String r : inv.repos()) {
          repos.add(r);
          String alias = AmazonRepoIds.ALIASES.get(r);
          if (alias != null) {
            repos.add(alias);
          }
        }
      }
      for (InstalledPackage p : inv.packages()) {
        String name = p.nevra().name();
        if (name.startsWith(LIVEPATCH_PREFIX)) {
          livepatches.add(name);
        }
      }
    }
    return Optional.of(new RepoSelection(releases, repos, prefixes, livepatches));
  }
}
