package io.fleetpatch.match;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which advisory repos apply to a host (DESIGN.md §5, repo and stream scoping): the
 * inventory's enabled repos when it has them, otherwise an inference from the installed packages
 * that is written into the evidence.
 */
final class RepoScoper {
  private static final String CORE_AL2 = "amzn2-core";
  private static final String AL2_KERNEL_TOPIC = AmazonRepoIds.AL2_EXTRAS + "kernel-";
  private static final String AL2_LIVEPATCH = "amzn2extra-livepatch";

  private final AdvisoryIndex index;

  RepoScoper(AdvisoryIndex index) {
    this.index = index;
  }

  RepoScope scope(Inventory inv) {
    if (inv.repos() != null) {
      return fromInventory(inv.repos());
    }
    return infer(inv);
  }

  private RepoScope fromInventory(List<String> hostRepos) {
    Set<String> repos = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    for (String r : hostRepos) {
      boolean found = false;
      if (index.repoId(r) >= 0) {
        repos.add(r);
        found = true;
      }
      String alias = AmazonRepoIds.ALIASES.get(r);
      if (alias != null && index.repoId(alias) >= 0) {
        repos.add(alias);
        reasons.add(r + ": host repo id, advisories published as " + alias);
        found = true;
      }
      String spelled = found ? null : index.repoSpelledWithHyphens(r);
      if (spelled != null) {
        // the feed's id comes from the updateinfo collection name: amzn2extra-unbound-1.17 for
        // the host's amzn2extra-unbound1.17
        repos.add(spelled);
        reasons.add(r + ": host repo id, advisories published as " + spelled);
        found = true;
      }
      if (!found) {
        reasons.add(r + ": enabled on the host, no advisories loaded for it");
      }
    }
    reasons.add(0, "repos enabled on the host (inventory): " + String.join(", ", hostRepos));
    return new RepoScope(repos, RepoScope.Basis.INVENTORY, reasons);
  }

  private RepoScope infer(Inventory inv) {
    String release = release(inv);
    Set<String> repos = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    List<String> core = release == null ? null : AmazonRepoIds.CORE.get(release);
    if (core == null) {
      // not Amazon Linux (or unknown): every repo published for that release applies
      for (String r : index.repos()) {
        if (release == null || release.equals(index.releaseOf(r))) {
          repos.add(r);
        }
      }
      if (repos.isEmpty() && release != null) {
        // a known release that no loaded feed publishes for (e.g. a CentOS 7 host judged against
        // Amazon Linux data): nothing applies, rather than every repo (a false alarm)
        reasons.add(
            "release " + release + " (os-release): no loaded advisory repo publishes for it");
        return new RepoScope(Set.of(), RepoScope.Basis.INFERRED, reasons);
      }
      if (repos.isEmpty()) {
        reasons.add(
            "no repo list, no os-release and no dist tag: every loaded advisory repo applies");
        return new RepoScope(Set.of(), RepoScope.Basis.ALL, reasons);
      }
      reasons.add(
          "inferred: release "
              + release
              + " (os-release); repos published for it: "
              + String.join(", ", repos));
      return new RepoScope(repos, RepoScope.Basis.INFERRED, reasons);
    }
    for (String c : core) {
      if (index.repoId(c) >= 0) {
        repos.add(c);
        reasons.add("inferred: " + c + " is the core repo of release " + release);
      }
    }
    List<Nevra> installed = inv.packages().stream().map(InstalledPackage::nevra).toList();
    if (release.equals("2")) {
      inferAl2Topics(installed, repos, reasons);
    }
    if (release.equals("2023")) {
      for (Nevra n : installed) {
        if (n.name().startsWith(KernelPackages.LIVEPATCH_PREFIX)) {
          for (String lp : AmazonRepoIds.AL2023_LIVEPATCH) {
            if (index.repoId(lp) >= 0 && repos.add(lp)) {
              reasons.add("inferred: " + lp + " from installed " + n);
            }
          }
        }
      }
    }
    return new RepoScope(repos, RepoScope.Basis.INFERRED, reasons);
  }

  /**
   * AL2 extras: the kernel stream from the installed kernel-family versions (4.14 is amzn2-core,
   * 5.4/5.10/5.15 are the {@code amzn2extra-kernel-5.x} topics), livepatch from installed {@code
   * kernel-livepatch-*}, and other topics from installed builds they ship exactly, else from the
   * same major.minor series when the core repo has no such series (so of php8.0/8.1/8.2 the one
   * matching the installed php).
   */
  private void inferAl2Topics(List<Nevra> installed, Set<String> repos, List<String> reasons) {
    Set<String> coreNames = index.packageNames(CORE_AL2);
    Map<String, String> why = new TreeMap<>();
    List<Tie> tied = new ArrayList<>();
    for (Nevra n : installed) {
      if (n.name().startsWith(KernelPackages.LIVEPATCH_PREFIX)) {
        if (index.repoId(AL2_LIVEPATCH) >= 0) {
          why.putIfAbsent(AL2_LIVEPATCH, "from installed " + n);
        }
        continue;
      }
      if (KernelPackages.isFamily(n.name())) {
        for (String r : index.repos()) {
          if (r.startsWith(AL2_KERNEL_TOPIC)) {
            String series = r.substring(AL2_KERNEL_TOPIC.length());
            if (n.evr().version().startsWith(series + ".")
                && index.packageNames(r).contains(n.name())) {
              why.putIfAbsent(r, "kernel stream " + series + " from installed " + n);
            }
          }
        }
        continue;
      }
      List<String> best = new ArrayList<>();
      int bestScore = 0;
      for (String r : index.repos()) {
        if (!r.startsWith(AmazonRepoIds.AL2_EXTRAS)
            || r.startsWith(AL2_KERNEL_TOPIC)
            || r.equals(AL2_LIVEPATCH)
            || !index.packageNames(r).contains(n.name())) {
          continue;
        }
        int score = topicScore(r, n, coreNames.contains(n.name()));
        if (score > bestScore) {
          best.clear();
          bestScore = score;
        }
        if (score == bestScore && score > 0) {
          best.add(r);
        }
      }
      if (best.size() == 1) {
        why.putIfAbsent(best.get(0), "topic from installed " + n);
      } else if (!best.isEmpty()) {
        tied.add(new Tie(n, best));
      }
    }
    // a build several topics ship (docker is in the docker, ecs and nitro-enclaves topics): a
    // topic already inferred from another package covers it; else the topic named after the
    // package; else all of them
    tied.sort(
        java.util.Comparator.comparing(
            (Tie t) -> !t.topics().contains(AmazonRepoIds.AL2_EXTRAS + t.pkg().name())));
    for (Tie t : tied) {
      if (t.topics().stream().anyMatch(why::containsKey)) {
        continue;
      }
      List<String> named =
          t.topics().stream()
              .filter(r -> r.equals(AmazonRepoIds.AL2_EXTRAS + t.pkg().name()))
              .toList();
      for (String r : named.isEmpty() ? t.topics() : named) {
        why.putIfAbsent(
            r, "topic from installed " + t.pkg() + (named.isEmpty() ? " (ambiguous)" : ""));
      }
    }
    why.forEach(
        (r, w) -> {
          if (repos.add(r)) {
            reasons.add("inferred: " + r + ": " + w);
          }
        });
  }

  /** An installed build that several topics ship equally well. */
  private record Tie(Nevra pkg, List<String> topics) {}

  /**
   * 3: the topic ships this exact build; 2: it ships the same major.minor series and the core repo
   * does not (an advisory feed lists only updated builds, so "only the topic has advisories for
   * this name" is no evidence: core ships libsepol without ever having fixed it); else 0.
   */
  private int topicScore(String topic, Nevra n, boolean coreShipsName) {
    String mm = majorMinor(n.evr().version());
    boolean sameSeries = false;
    for (Evr e : index.shippedVersions(topic, n.name())) {
      if (e.sameAs(n.evr())) {
        return 3;
      }
      sameSeries |= majorMinor(e.version()).equals(mm);
    }
    if (!sameSeries) {
      return 0;
    }
    if (coreShipsName) {
      for (Evr e : index.shippedVersions(CORE_AL2, n.name())) {
        if (majorMinor(e.version()).equals(mm)) {
          return 0;
        }
      }
    }
    return 2;
  }

  private static String majorMinor(String v) {
    int first = v.indexOf('.');
    if (first < 0) {
      return v;
    }
    int second = v.indexOf('.', first + 1);
    return second < 0 ? v : v.substring(0, second);
  }

  /** The Amazon Linux release: os-release VERSION_ID, else the dist tag of the packages. */
  static String release(Inventory inv) {
    String v = inv.os().versionId();
    if (!v.isEmpty()) {
      return v;
    }
    int al2 = 0;
    int al2023 = 0;
    for (InstalledPackage p : inv.packages()) {
      String r = p.nevra().evr().releaseOrEmpty();
      if (r.contains(".amzn2023")) {
        al2023++;
      } else if (r.contains(".amzn2")) {
        al2++;
      }
    }
    if (al2 == 0 && al2023 == 0) {
      return null;
    }
    return al2023 > al2 ? "2023" : "2";
  }
}
