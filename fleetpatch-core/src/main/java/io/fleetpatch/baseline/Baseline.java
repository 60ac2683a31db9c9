package io.fleetpatch.baseline;

import io.fleetpatch.advisory.Advisory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A patch baseline in SSM Patch Manager's model (SSM API CreatePatchBaseline;
 * reference/ssm-patch-manager.md §1–4; file format in docs/baseline.md).
 *
 * @param name the baseline name
 * @param operatingSystem SSM's OperatingSystem value (AMAZON_LINUX_2, ...), or empty
 * @param description free text
 * @param globalFilters filters every rule-approved patch must also pass
 * @param rules at most 10 approval rules
 * @param approvedPatches explicitly approved patches (at most 50)
 * @param approvedPatchesComplianceLevel the level of a missing explicitly approved patch
 * @param approvedPatchesEnableNonSecurity whether explicit approvals include non-security updates
 * @param rejectedPatches rejected patches (at most 50)
 * @param rejectedPatchesAction BLOCK or ALLOW_AS_DEPENDENCY
 * @param patchGroups the patch groups (host tag values) registered for this baseline, as {@code aws
 *     ssm get-patch-baseline} lists them
 */
public record Baseline(
    String name,
    String operatingSystem,
    String description,
    List<PatchFilter> globalFilters,
    List<PatchRule> rules,
    List<PatchId> approvedPatches,
    ComplianceLevel approvedPatchesComplianceLevel,
    boolean approvedPatchesEnableNonSecurity,
    List<PatchId> rejectedPatches,
    RejectedAction rejectedPatchesAction,
    List<String> patchGroups) {
  /** API PatchRuleGroup.PatchRules: at most 10. */
  public static final int MAX_RULES = 10;

  /** API CreatePatchBaseline ApprovedPatches / RejectedPatches: at most 50 each. */
  public static final int MAX_PATCHES = 50;

  public Baseline {
    Objects.requireNonNull(name, "name");
    operatingSystem = operatingSystem == null ? "" : operatingSystem;
    description = description == null ? "" : description;
    globalFilters = List.copyOf(globalFilters);
    rules = List.copyOf(rules);
    approvedPatches = List.copyOf(approvedPatches);
    rejectedPatches = List.copyOf(rejectedPatches);
    patchGroups = List.copyOf(patchGroups);
    Objects.requireNonNull(approvedPatchesComplianceLevel, "approvedPatchesComplianceLevel");
    Objects.requireNonNull(rejectedPatchesAction, "rejectedPatchesAction");
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException(
          "a baseline takes at most " + MAX_RULES + " rules, got " + rules.size());
    }
    if (approvedPatches.size() > MAX_PATCHES || rejectedPatches.size() > MAX_PATCHES) {
      throw new IllegalArgumentException(
          "ApprovedPatches and RejectedPatches take at most " + MAX_PATCHES + " entries each");
    }
  }

  /** A baseline with just rules (no lists, rejected action ALLOW_AS_DEPENDENCY, the default). */
  public static Baseline ofRules(String name, String operatingSystem, PatchRule... rules) {
    return new Baseline(
        name,
        operatingSystem,
        "",
        List.of(),
        List.of(rules),
        List.of(),
        ComplianceLevel.UNSPECIFIED,
        false,
        List.of(),
        RejectedAction.ALLOW_AS_DEPENDENCY,
        List.of());
  }

  /** The advisory's release date as SSM counts it: the UTC day of updated, else issued. */
  public static LocalDate releaseDay(Advisory advisory) {
    var t = advisory.updatedOrIssued();
    return t == null ? null : LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /**
   * Evaluates one advisory for a host known by {@code product}, on day {@code asOf}, in the order
   * SSM installs (UG installing-patches, reference/ssm-patch-manager.md §3 and §6): a rejected
   * patch is rejected even when approved; explicit approvals apply even when GlobalFilters or the
   * rules would discard the patch; otherwise GlobalFilters, then the approval rules. When several
   * rules approve it, the most severe compliance level wins.
   */
  public Approval approve(Advisory advisory, Product product, LocalDate asOf) {
    for (PatchId r : rejectedPatches) {
      if (r.matches(advisory)) {
        return new Approval(
            Approval.Status.REJECTED, null, ComplianceLevel.UNSPECIFIED, "RejectedPatches");
      }
    }
    boolean nonSecurity = Classification.of(advisory.type()).needsNonSecurity();
    if (!nonSecurity || approvedPatchesEnableNonSecurity) {
      for (PatchId a : approvedPatches) {
        if (a.matches(advisory)) {
          return new Approval(
              Approval.Status.APPROVED, null, approvedPatchesComplianceLevel, "ApprovedPatches");
        }
      }
    }
    for (PatchFilter g : globalFilters) {
      if (!g.matches(advisory, product)) {
        return Approval.notApproved();
      }
    }
    LocalDate released = releaseDay(advisory);
    Approval best = null;
    Approval pending = null;
    for (int i = 0; i < rules.size(); i++) {
      PatchRule rule = rules.get(i);
      if (!rule.selects(advisory, product)) {
        continue;
      }
      LocalDate day = rule.approvalDay(released);
      String by = "rule " + (i + 1);
      if (day == null || !day.isAfter(asOf)) {
        if (best == null || rule.complianceLevel().ordinal() < best.complianceLevel().ordinal()) {
          best = new Approval(Approval.Status.APPROVED, day, rule.complianceLevel(), by);
        }
      } else if (!day.equals(LocalDate.MAX)
          && (pending == null || day.isBefore(pending.approvedOn()))) {
        pending = new Approval(Approval.Status.PENDING, day, rule.complianceLevel(), by);
      }
    }
    if (best != null) {
      return best;
    }
    return pending != null ? pending : Approval.notApproved();
  }
}
