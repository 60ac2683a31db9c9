package io.fleetpatch.compliance;

import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.lifecycle.Al2023Packages;
import io.fleetpatch.lifecycle.PackageSupport;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything compliance is judged by, besides the findings: the baselines, the exceptions, the SLA
 * policy and its KEV list, history, run outcomes, the lifecycle data and the day.
 *
 * @param groups which baseline each host uses
 * @param waivers the exceptions (expired ones are ignored by themselves)
 * @param sla the SLA policy
 * @param kev the KEV-listed CVEs
 * @param firstSeen first-seen days from scan history
 * @param outcomes install failures from remediation runs
 * @param threshold items below this compliance level do not make a host non-compliant; UNSPECIFIED
 *     (the default) counts every item, as SSM does
 * @param packageSupport AL2023 per-package support statements ({@link PackageSupport#NONE} for
 *     none)
 * @param al2023 the AL2023 package list for the AL2 migration view, or null for no view
 * @param asOf the day compliance is judged on
 */
public record CompliancePolicy(
    PatchGroups groups,
    List<Waiver> waivers,
    SlaPolicy sla,
    KnownExploited kev,
    FirstSeen firstSeen,
    InstallOutcomes outcomes,
    ComplianceLevel threshold,
    PackageSupport packageSupport,
    Al2023Packages al2023,
    LocalDate asOf) {
  public CompliancePolicy {
    Objects.requireNonNull(groups, "groups");
    waivers = List.copyOf(waivers);
    Objects.requireNonNull(sla, "sla");
    Objects.requireNonNull(kev, "kev");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(packageSupport, "packageSupport");
    Objects.requireNonNull(asOf, "asOf");
  }

  /** Defaults for everything but the baselines and the day. */
  public static CompliancePolicy of(PatchGroups groups, LocalDate asOf) {
    return new CompliancePolicy(
        groups,
        List.of(),
        SlaPolicy.DEFAULT,
        KnownExploited.NONE,
        FirstSeen.UNKNOWN,
        InstallOutcomes.NONE,
        ComplianceLevel.UNSPECIFIED,
        PackageSupport.NONE,
        null,
        asOf);
  }

  public CompliancePolicy withWaivers(List<Waiver> w) {
    return new CompliancePolicy(
        groups, w, sla, kev, firstSeen, outcomes, threshold, packageSupport, al2023, asOf);
  }

  public CompliancePolicy withSla(SlaPolicy s, KnownExploited k) {
    return new CompliancePolicy(
        groups, waivers, s, k, firstSeen, outcomes, threshold, packageSupport, al2023, asOf);
  }

  public CompliancePolicy withHistory(FirstSeen f, InstallOutcomes o) {
    return new CompliancePolicy(
        groups, waivers, sla, kev, f, o, threshold, packageSupport, al2023, asOf);
  }

  public CompliancePolicy withThreshold(ComplianceLevel t) {
    return new CompliancePolicy(
        groups, waivers, sla, kev, firstSeen, outcomes, t, packageSupport, al2023, asOf);
  }

  public CompliancePolicy withLifecycle(PackageSupport p, Al2023Packages a) {
    return new CompliancePolicy(
        groups, waivers, sla, kev, firstSeen, outcomes, threshold, p, a, asOf);
  }
}
