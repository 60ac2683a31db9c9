package io.fleetpatch.baseline;

import io.fleetpatch.inventory.OsRelease;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Baselines that exist without a file, by name. The AWS ones reproduce the documented rules of
 * AWS's predefined baselines (UG predefined-and-custom-patch-baselines;
 * reference/ssm-patch-manager.md §7): Security with severity Critical or Important, and all Bugfix,
 * each approved 7 days after the release (counted from the Updated date on AL1/AL2), compliance
 * level UNSPECIFIED ("predefined baselines report Unspecified"). The exact filter JSON of AWS's
 * baselines is unconfirmed; here PRODUCT is {@code *} and the OperatingSystem selects the hosts.
 * {@value #ALL_SECURITY} is fleetpatch's own: every security advisory, any severity, no delay.
 */
public final class PredefinedBaselines {
  public static final String AL1 = "AWS-AmazonLinuxDefaultPatchBaseline";
  public static final String AL2 = "AWS-AmazonLinux2DefaultPatchBaseline";
  public static final String AL2023 = "AWS-AmazonLinux2023DefaultPatchBaseline";
  public static final String REDHAT = "AWS-RedHatDefaultPatchBaseline";
  public static final String ROCKY = "AWS-RockyLinuxDefaultPatchBaseline";
  public static final String ALL_SECURITY = "fleetpatch-AllSecurityNoDelay";

  private static final Map<String, Baseline> BY_NAME = new LinkedHashMap<>();

  static {
    add(awsDefault(AL1, "AMAZON_LINUX"));
    add(awsDefault(AL2, "AMAZON_LINUX_2"));
    add(awsDefault(AL2023, "AMAZON_LINUX_2023"));
    add(awsDefault(REDHAT, "REDHAT_ENTERPRISE_LINUX"));
    add(awsDefault(ROCKY, "ROCKY_LINUX"));
    add(
        Baseline.ofRules(
            ALL_SECURITY,
            "",
            PatchRule.afterDays(
                0,
                ComplianceLevel.UNSPECIFIED,
                PatchFilter.of(PatchFilterKey.PRODUCT, "*"),
                PatchFilter.of(PatchFilterKey.CLASSIFICATION, "Security"))));
  }

  private PredefinedBaselines() {}

  private static void add(Baseline b) {
    BY_NAME.put(b.name(), b);
  }

  /** The two documented rules: Security Critical/Important after 7 days, Bugfix after 7 days. */
  private static Baseline awsDefault(String name, String os) {
    return Baseline.ofRules(
        name,
        os,
        PatchRule.afterDays(
            7,
            ComplianceLevel.UNSPECIFIED,
            PatchFilter.of(PatchFilterKey.PRODUCT, "*"),
            PatchFilter.of(PatchFilterKey.CLASSIFICATION, "Security"),
            PatchFilter.of(PatchFilterKey.SEVERITY, "Critical", "Important")),
        PatchRule.afterDays(
            7,
            ComplianceLevel.UNSPECIFIED,
            PatchFilter.of(PatchFilterKey.PRODUCT, "*"),
            PatchFilter.of(PatchFilterKey.CLASSIFICATION, "Bugfix")));
  }

  public static Optional<Baseline> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The default baseline of a host's OS, which ungrouped hosts use (UG patch-groups: "ungrouped
   * nodes use the OS default baseline"). RHEL-family and Alibaba hosts without an AWS default of
   * their own use the Red Hat rules.
   */
  public static Baseline defaultFor(OsRelease os) {
    return switch (Product.operatingSystem(os)) {
      case "AMAZON_LINUX" -> BY_NAME.get(AL1);
      case "AMAZON_LINUX_2" -> BY_NAME.get(AL2);
      case "AMAZON_LINUX_2022", "AMAZON_LINUX_2023" -> BY_NAME.get(AL2023);
      case "ROCKY_LINUX" -> BY_NAME.get(ROCKY);
      default -> BY_NAME.get(REDHAT);
    };
  }
}
