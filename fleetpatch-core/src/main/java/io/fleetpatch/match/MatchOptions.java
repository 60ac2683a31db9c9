package io.fleetpatch.match;

import io.fleetpatch.advisory.AdvisoryType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the matcher considers.
 *
 * @param types advisory types to match; {@code {SECURITY}} is dnf's {@code updateinfo list
 *     --security}
 * @param scopeRepos whether to apply repo and stream scoping (DESIGN.md §5); false makes every
 *     advisory repo apply to every host
 * @param reportOutOfScope whether advisories of repos the host does not use are reported as
 *     NOT_APPLICABLE findings (when a package of theirs is installed) or left out
 */
public record MatchOptions(Set<AdvisoryType> types, boolean scopeRepos, boolean reportOutOfScope) {
  /** dnf's default view: security advisories, repo scoping on, out-of-scope ones left out. */
  public static final MatchOptions DEFAULTS =
      new MatchOptions(EnumSet.of(AdvisoryType.SECURITY), true, false);

  public MatchOptions {
    Objects.requireNonNull(types, "types");
    types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
  }
}
