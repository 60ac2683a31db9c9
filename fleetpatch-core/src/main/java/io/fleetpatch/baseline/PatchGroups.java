package io.fleetpatch.baseline;

import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.OsRelease;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which baseline each host uses (UG patch-groups; reference/ssm-patch-manager.md §10). A host's
 * patch group is the value of its tag {@code Patch Group} or {@code PatchGroup} (tag keys are
 * case-sensitive). A group has one baseline per operating system; a host with no group, or whose
 * group has no baseline for its OS, uses the default: the first of {@code defaults} for its OS (a
 * baseline with no OperatingSystem fits every OS), else AWS's predefined default for the OS.
 *
 * @param baselines every baseline given; a baseline's {@link Baseline#patchGroups()} name its
 *     groups
 * @param defaults the baselines for ungrouped hosts, tried in order
 */
public record PatchGroups(List<Baseline> baselines, List<Baseline> defaults) {
  /** The tag keys that name a host's patch group, in the order they are looked up. */
  public static final List<String> TAG_KEYS = List.of("Patch Group", "PatchGroup");

  public PatchGroups {
    baselines = List.copyOf(baselines);
    defaults = List.copyOf(defaults);
  }

  /** Every host uses {@code baseline} when it fits its OS, else its OS default. */
  public static PatchGroups single(Baseline baseline) {
    return new PatchGroups(List.of(baseline), List.of(baseline));
  }

  /** The host's patch group, if it has one. */
  public static Optional<String> groupOf(Host host) {
    Map<String, String> tags = host.tags();
    for (String k : TAG_KEYS) {
      String v = tags.get(k);
      if (v != null && !v.isEmpty()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The baseline the host uses. */
  public Baseline baselineFor(Host host, OsRelease os) {
    String osName = Product.operatingSystem(os);
    Optional<String> group = groupOf(host);
    if (group.isPresent()) {
      for (Baseline b : baselines) {
        if (b.patchGroups().contains(group.get()) && fits(b, osName)) {
          return b;
        }
      }
    }
    for (Baseline b : defaults) {
      if (fits(b, osName)) {
        return b;
      }
    }
    return PredefinedBaselines.defaultFor(os);
  }

  private static boolean fits(Baseline b, String osName) {
    return b.operatingSystem().isEmpty()
        || b.operatingSystem().equals(osName)
        || (b.operatingSystem().equals("AMAZON_LINUX_2023") && osName.equals("AMAZON_LINUX_2022"));
  }
}
