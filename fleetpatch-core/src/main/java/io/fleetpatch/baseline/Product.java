package io.fleetpatch.baseline;

import io.fleetpatch.inventory.OsRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PRODUCT names a host is known by in a patch filter. Amazon Linux 2 hosts are {@code
 * AmazonLinux2} and {@code AmazonLinux2.0}, AL1 hosts {@code AmazonLinux2018.03} (and so on) (SSM
 * API PatchFilter values per OS [OLDAPI], reference/ssm-patch-manager.md §1). AL2023's value is
 * unconfirmed in the reference; fleetpatch uses {@code AmazonLinux2023}. For the other
 * distributions fleetpatch uses SSM's naming style: {@code RedhatEnterpriseLinux8.6} and {@code
 * RedhatEnterpriseLinux8}, {@code CentOS7}, {@code RockyLinux9}, {@code AlmaLinux9}, {@code
 * OracleLinux8}, and {@code AlibabaCloudLinux3} (not an SSM product).
 */
public record Product(List<String> names) {
  public Product {
    names = List.copyOf(names);
  }

  public static Product of(String... names) {
    return new Product(List.of(names));
  }

  public static Product of(OsRelease os) {
    String id = os.id().toLowerCase(Locale.ROOT);
    String v = os.versionId();
    String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    List<String> names = new ArrayList<>();
    switch (id) {
      case "amzn" -> {
        if (v.equals("2")) {
          names.add("AmazonLinux2");
          names.add("AmazonLinux2.0");
        } else {
          names.add("AmazonLinux" + v);
        }
      }
      case "rhel" -> addVersioned(names, "RedhatEnterpriseLinux", v, major);
      case "centos" -> addVersioned(names, "CentOS", v, major);
      case "rocky" -> addVersioned(names, "RockyLinux", v, major);
      case "almalinux" -> addVersioned(names, "AlmaLinux", v, major);
      case "ol" -> addVersioned(names, "OracleLinux", v, major);
      case "alinux" -> names.add("AlibabaCloudLinux" + major);
      default -> names.add(id + v);
    }
    return new Product(names);
  }

  /**
   * SSM's {@code OperatingSystem} value for a host (API CreatePatchBaseline.OperatingSystem):
   * AMAZON_LINUX, AMAZON_LINUX_2, AMAZON_LINUX_2022, AMAZON_LINUX_2023, REDHAT_ENTERPRISE_LINUX,
   * CENTOS, ORACLE_LINUX, ROCKY_LINUX, ALMA_LINUX; {@code ALIBABA_CLOUD_LINUX} is fleetpatch's own
   * (SSM has none). Empty when unknown.
   */
  public static String operatingSystem(OsRelease os) {
    String v = os.versionId();
    return switch (os.id().toLowerCase(Locale.ROOT)) {
      case "amzn" ->
          switch (v) {
            case "2" -> "AMAZON_LINUX_2";
            case "2022" -> "AMAZON_LINUX_2022";
            case "2023" -> "AMAZON_LINUX_2023";
            default -> "AMAZON_LINUX";
          };
      case "rhel" -> "REDHAT_ENTERPRISE_LINUX";
      case "centos" -> "CENTOS";
      case "ol" -> "ORACLE_LINUX";
      case "rocky" -> "ROCKY_LINUX";
      case "almalinux" -> "ALMA_LINUX";
      case "alinux" -> "ALIBABA_CLOUD_LINUX";
      default -> "";
    };
  }

  private static void addVersioned(List<String> names, String prefix, String v, String major) {
    names.add(prefix + v);
    if (!v.equals(major)) {
      names.add(prefix + major);
    }
  }

  @Override
  public String toString() {
    return String.join("|", names);
  }
}
