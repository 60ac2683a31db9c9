package io.fleetpatch.lifecycle;

import io.fleetpatch.inventory.OsRelease;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * End-of-life dates of the operating systems fleetpatch knows, looked up by os-release {@code ID}
 * and {@code VERSION_ID}. Every row cites its source; most come from reference/
 * livepatch-and-lifecycle.md §3, which cites the vendor page or the endoflife.date repository.
 */
public final class OsLifecycle {
  private static final List<OsSupport> TABLE =
      List.of(
          // AL1: docs.aws.amazon.com/AWSEC2/latest/UserGuide/amazon-linux-ami-basics.html —
          // standard support ended 2020-12-31, maintenance support (security updates) 2023-12-31
          new OsSupport(
              "amzn-1",
              "Amazon Linux AMI (AL1)",
              d("2020-12-31"),
              d("2023-12-31"),
              null,
              "docs.aws.amazon.com/AWSEC2/latest/UserGuide/amazon-linux-ami-basics.html"),
          // AL2: aws.amazon.com/amazon-linux-2/faqs — EOL 2026-06-30 (extended twice from
          // 2023-06-30 and 2025-06-30)
          new OsSupport(
              "amzn-2",
              "Amazon Linux 2",
              null,
              d("2026-06-30"),
              null,
              "aws.amazon.com/amazon-linux-2/faqs"),
          // AL2023: AL2023 User Guide, release-cadence — standard support to 2027-06-30,
          // maintenance support to 2029-06-30 (supersedes support_info.xml's 2028-03-15)
          new OsSupport(
              "amzn-2023",
              "Amazon Linux 2023",
              d("2027-06-30"),
              d("2029-06-30"),
              null,
              "docs.aws.amazon.com/linux/al2023/ug/release-cadence.html"),
          // Alibaba Cloud Linux 2: Mainstream Support ended 2024-03-31, then ELS (Extended Life
          // Support, critical fixes only) to 2026-03-31 —
          // alibabacloud.com/help/en/ecs/user-guide/solution-for-alibaba-cloud-linux-2-entering-the-els-phase
          new OsSupport(
              "alinux-2",
              "Alibaba Cloud Linux 2",
              d("2024-03-31"),
              d("2024-03-31"),
              d("2026-03-31"),
              "alibabacloud.com/help/en/ecs/user-guide/solution-for-alibaba-cloud-linux-2-entering-the-els-phase"),
          // Alibaba Cloud Linux 3: Mainstream Support to 2031-03-31, no ELS listed (same page)
          new OsSupport(
              "alinux-3",
              "Alibaba Cloud Linux 3",
              d("2031-03-31"),
              d("2031-03-31"),
              null,
              "alibabacloud.com/help/en/ecs/user-guide/solution-for-alibaba-cloud-linux-2-entering-the-els-phase"),
          // CentOS 7: full updates ended 2020-08-06, EOL 2024-06-30 — endoflife.date
          // products/centos.md @ a70eca3
          new OsSupport(
              "centos-7",
              "CentOS Linux 7",
              d("2020-08-06"),
              d("2024-06-30"),
              null,
              "endoflife.date/centos (products/centos.md @ a70eca3)"),
          // CentOS 8: EOL 2021-12-31 — endoflife.date products/centos.md
          new OsSupport(
              "centos-8",
              "CentOS Linux 8",
              null,
              d("2021-12-31"),
              null,
              "endoflife.date/centos (products/centos.md @ a70eca3)"),
          // RHEL 7/8/9: Full / Maintenance / ELS columns of endoflife.date products/rhel.md
          // (secondary source; Red Hat's own life-cycle page was not re-read)
          new OsSupport(
              "rhel-7",
              "Red Hat Enterprise Linux 7",
              null,
              d("2024-06-30"),
              d("2029-05-31"),
              "endoflife.date/rhel (products/rhel.md @ a70eca3)"),
          new OsSupport(
              "rhel-8",
              "Red Hat Enterprise Linux 8",
              d("2024-05-31"),
              d("2029-05-31"),
              d("2033-05-31"),
              "endoflife.date/rhel (products/rhel.md @ a70eca3)"),
          new OsSupport(
              "rhel-9",
              "Red Hat Enterprise Linux 9",
              d("2027-05-31"),
              d("2032-05-31"),
              d("2036-05-31"),
              "endoflife.date/rhel (products/rhel.md @ a70eca3)"),
          // Rocky 8/9: active support 2024-05-31 / 2027-05-31, EOL 2029-05-31 / 2032-05-31 —
          // endoflife.date products/rocky-linux.md
          new OsSupport(
              "rocky-8",
              "Rocky Linux 8",
              d("2024-05-31"),
              d("2029-05-31"),
              null,
              "endoflife.date/rocky-linux (products/rocky-linux.md @ a70eca3)"),
          new OsSupport(
              "rocky-9",
              "Rocky Linux 9",
              d("2027-05-31"),
              d("2032-05-31"),
              null,
              "endoflife.date/rocky-linux (products/rocky-linux.md @ a70eca3)"),
          // AlmaLinux 8/9: same dates — endoflife.date products/almalinux.md (AlmaLinux 8's EOL is
          // sometimes quoted as 2029-03-01; unconfirmed)
          new OsSupport(
              "almalinux-8",
              "AlmaLinux 8",
              d("2024-05-31"),
              d("2029-05-31"),
              null,
              "endoflife.date/almalinux (products/almalinux.md @ a70eca3)"),
          new OsSupport(
              "almalinux-9",
              "AlmaLinux 9",
              d("2027-05-31"),
              d("2032-05-31"),
              null,
              "endoflife.date/almalinux (products/almalinux.md @ a70eca3)"),
          // Oracle Linux 7/8/9: Premier / Extended support — endoflife.date
          // products/oracle-linux.md
          new OsSupport(
              "ol-7",
              "Oracle Linux 7",
              null,
              d("2024-12-31"),
              d("2028-06-30"),
              "endoflife.date/oracle-linux (products/oracle-linux.md @ a70eca3)"),
          new OsSupport(
              "ol-8",
              "Oracle Linux 8",
              null,
              d("2029-07-31"),
              d("2032-07-31"),
              "endoflife.date/oracle-linux (products/oracle-linux.md @ a70eca3)"),
          new OsSupport(
              "ol-9",
              "Oracle Linux 9",
              null,
              d("2032-06-30"),
              d("2035-06-30"),
              "endoflife.date/oracle-linux (products/oracle-linux.md @ a70eca3)"));

  private OsLifecycle() {}

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  public static List<OsSupport> all() {
    return TABLE;
  }

  /**
   * The row for a host's OS: {@code amzn} with VERSION_ID {@code 2}, {@code 2023} ({@code 2022},
   * the AL2023 preview, too) or an AL1 year ({@code 2018.03}); {@code alinux}, {@code centos},
   * {@code rhel}, {@code rocky}, {@code almalinux}, {@code ol} by major version.
   */
  public static Optional<OsSupport> lookup(OsRelease os) {
    String id = os.id().toLowerCase(Locale.ROOT);
    String v = os.versionId();
    String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    String key;
    if (id.equals("amzn")) {
      key =
          switch (v) {
            case "2" -> "amzn-2";
            case "2022", "2023" -> "amzn-2023";
            default -> v.matches("20(1\\d|0\\d)\\.\\d\\d") ? "amzn-1" : "";
          };
    } else {
      key = id + "-" + major;
    }
    return TABLE.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
