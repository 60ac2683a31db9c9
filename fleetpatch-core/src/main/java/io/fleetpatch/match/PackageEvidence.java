package io.fleetpatch.match;

import io.fleetpatch.rpm.Nevra;
import java.util.List;
import java.util.Objects;

/**
 * The evidence for one package row of an advisory on one host: the fixed build, the installed build
 * it was compared with, and the rule that decided.
 *
 * @param fixed the advisory's fixed NEVRA (what dnf prints in {@code updateinfo list})
 * @param compared the installed build the fix was compared with (the newest of that name.arch, or
 *     the running kernel for {@link DecisionRule#RUNNING_KERNEL_OLDER_THAN_FIX}), or null when none
 *     is installed with that arch
 * @param installed every installed build of the same name.arch, oldest first (several for
 *     installonly packages and leftover duplicates); for {@link DecisionRule#ARCH_MISMATCH} the
 *     builds of the other arches
 * @param state MISSING exactly when dnf {@code updateinfo list --security} lists this row
 * @param rule the rule that decided
 */
public record PackageEvidence(
    Nevra fixed, Nevra compared, List<Nevra> installed, FindingState state, DecisionRule rule) {
  public PackageEvidence {
    Objects.requireNonNull(fixed, "fixed");
    installed = List.copyOf(installed);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rule, "rule");
    if (state == FindingState.MITIGATED_BY_LIVEPATCH) {
      throw new IllegalArgumentException("live patches mitigate CVEs, not package rows");
    }
  }

  public String name() {
    return fixed.name();
  }

  public String arch() {
    return fixed.arch().name();
  }
}
