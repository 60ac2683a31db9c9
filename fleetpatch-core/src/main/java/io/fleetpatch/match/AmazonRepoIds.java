package io.fleetpatch.match;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon Linux repo ids that repo scoping (DESIGN.md §5) knows by name: shared by the matcher's
 * {@link RepoScoper} and by whoever selects which repos to read for a set of hosts.
 */
public final class AmazonRepoIds {
  private AmazonRepoIds() {}

  /**
   * AL2023 host-side yum section names and the repo ids of Amazon's published updateinfo (shared
   * oracle README §13 "Repo id mapping": sections {@code amazonlinux} and {@code kernel-livepatch}
   * are {@code amazonlinux-2023} and {@code amazonlinux-2023-kernel-livepatch} in the data). Both
   * directions, since a parser may name the source either way.
   */
  public static final Map<String, String> ALIASES =
      Map.of(
          "amazonlinux", "amazonlinux-2023",
          "amazonlinux-2023", "amazonlinux",
          "kernel-livepatch", "amazonlinux-2023-kernel-livepatch",
          "amazonlinux-2023-kernel-livepatch", "kernel-livepatch");

  /**
   * The core repo ids of each Amazon Linux release, by os-release VERSION_ID (its advisories apply
   * to every host of it). AL2022 and AL2023 both publish as {@code amazonlinux}; the index tells
   * them apart by release.
   */
  public static final Map<String, List<String>> CORE =
      Map.of(
          "2", List.of("amzn2-core"),
          "2023", List.of("amazonlinux-2023", "amazonlinux"),
          "2022", List.of("amazonlinux-2022", "amazonlinux"),
          "2018.03", List.of("amzn-updates", "amzn-main"));

  /** The AL2023 kernel live patch repo, under both of its names. */
  public static final Set<String> AL2023_LIVEPATCH =
      Set.of("amazonlinux-2023-kernel-livepatch", "kernel-livepatch");

  /** AL2 extras topics (amazon-linux-extras) all start with this. */
  public static final String AL2_EXTRAS = "amzn2extra-";
}
