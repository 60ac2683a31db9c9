package io.fleetpatch.advisory.oval;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the OS release an OVAL definition applies to, as an {@link
 * io.fleetpatch.advisory.AdvisorySource} release: a distribution prefix from the namespace of the
 * OVAL ids (OVAL Language §5.2, {@code oval:<namespace>:def:<n>}) followed by the major version
 * from the platform test.
 *
 * <table>
 *   <caption>namespace → prefix</caption>
 *   <tr><th>namespace</th><th>prefix</th><th>platform test</th></tr>
 *   <tr><td>com.aliyun</td><td>alinux</td><td>textfilecontent54 /etc/alinux-release, text "4"</td></tr>
 *   <tr><td>cn.openanolis</td><td>anolis</td><td>textfilecontent54 /etc/anolis-release, "23"</td></tr>
 *   <tr><td>org.almalinux.*</td><td>alma</td><td>rpmverifyfile /etc/almalinux-release, version ^9</td></tr>
 *   <tr><td>com.oracle.*</td><td>ol</td><td>rpminfo oraclelinux-release, version ^5</td></tr>
 *   <tr><td>com.redhat.*</td><td>rhel</td><td>rpmverifyfile /etc/redhat-release</td></tr>
 *   <tr><td>org.rockylinux.*</td><td>rocky</td><td>as RHEL</td></tr>
 *   <tr><td>com.microsoft.cbl-mariner</td><td>mariner</td><td>none: from the dist tag .cm2</td></tr>
 *   <tr><td>com.microsoft.azurelinux</td><td>azurelinux</td><td>none: from the dist tag .azl3</td></tr>
 * </table>
 *
 * So Alibaba Cloud Linux 3 is {@code alinux3}, AlmaLinux 9 {@code alma9}, Oracle Linux 7 {@code
 * ol7}; the repo of every OVAL source is {@code oval}.
 */
final class OvalReleases {
  private static final Pattern NAMESPACE = Pattern.compile("oval:([^:]+):[a-z]+:.*");
  private static final Pattern DIGITS = Pattern.compile("(\\d+)");
  private static final Pattern DIST_TAG = Pattern.compile("\\.(cm|azl)(\\d+)(?:\\b|$)");

  private OvalReleases() {}

  /** The distribution prefix for an OVAL id, or null when the namespace is not in the table. */
  static String prefix(String ovalId) {
    Matcher m = NAMESPACE.matcher(ovalId);
    if (!m.matches()) {
      return null;
    }
    String ns = m.group(1).toLowerCase(Locale.ROOT);
    if (ns.equals("com.aliyun")) {
      return "alinux";
    }
    if (ns.startsWith("cn.openanolis")) {
      return "anolis";
    }
    if (ns.startsWith("org.almalinux")) {
      return "alma";
    }
    if (ns.startsWith("com.oracle")) {
      return "ol";
    }
    if (ns.startsWith("com.redhat")) {
      return "rhel";
    }
    if (ns.startsWith("org.rockylinux")) {
      return "rocky";
    }
    if (ns.startsWith("com.microsoft.cbl-mariner")) {
      return "mariner";
    }
    if (ns.startsWith("com.microsoft.azurelinux")) {
      return "azurelinux";
    }
    return null;
  }

  /** The first run of digits of a platform value ({@code ^9[^\d]}, {@code 4}, "Oracle Linux 5"). */
  static String major(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = DIGITS.matcher(value);
    return m.find() ? m.group(1) : null;
  }

  /** The release a Mariner or Azure Linux dist tag names ({@code 1.20.7-1.cm2} → mariner2). */
  static String fromDistTag(String release) {
    if (release == null) {
      return null;
    }
    Matcher m = DIST_TAG.matcher(release);
    if (!m.find()) {
      return null;
    }
    return (m.group(1).equals("cm") ? "mariner" : "azurelinux") + m.group(2);
  }
}
