package io.fleetpatch.advisory.oval;

import io.fleetpatch.rpm.Evr;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code evr_string} of an rpminfo_state, repairing the known corruption of Alibaba Cloud
 * Linux and OpenAnolis OVAL: sub-package EVRs that carry the sub-package suffix of the name in
 * front of the version ({@code kernel-debug} "less than" {@code 0:debug-6.6.102-5.3.1.alnx4};
 * {@code bind-chroot} {@code 32:chroot-9.18.34-1.an23}; {@code kernel-hotfix-27289074-5.10.134-12}
 * {@code 0:hotfix-27289074-5.10.134-12-1.0-20260510120832.al8}). rpm's {@code parseEVR}
 * (lib/rpmds.c) would take everything up to the last '-' as the version, which compares wrong.
 */
final class EvrRepair {
  private static final Pattern EPOCH = Pattern.compile("(\\d+):(.*)");
  private static final Pattern LEADING_WORDS = Pattern.compile("[A-Za-z][A-Za-z0-9_.+]*-(.*)");

  /** The EVR as read, and the repaired text when a repair was needed (else null). */
  record Result(Evr evr, String repairedFrom) {}

  private EvrRepair() {}

  /**
   * @param name the package the EVR is for
   * @throws IllegalArgumentException when no repair makes it an EVR
   */
  static Result read(String name, String evr) {
    try {
      Evr e = Evr.parse(evr);
      if (Character.isDigit(e.version().charAt(0)) || !startsWithNameSuffix(name, e.version())) {
        return new Result(e, null);
      }
    } catch (IllegalArgumentException e) {
      // try the repairs below
    }
    Matcher m = EPOCH.matcher(evr);
    String epoch = m.matches() ? m.group(1) + ":" : "";
    String rest = m.matches() ? m.group(2) : evr;
    // 1. the name's sub-package suffix ("debug" of kernel-debug, "dnssec-utils" of
    //    bind-dnssec-utils, "hotfix-27289074-5.10.134-12" of kernel-hotfix-...) before the version
    int dash = name.indexOf('-');
    while (dash > 0) {
      String suffix = name.substring(dash + 1) + "-";
      if (rest.startsWith(suffix)) {
        Evr repaired = tryParse(epoch + rest.substring(suffix.length()));
        if (repaired != null) {
          return new Result(repaired, evr);
        }
      }
      dash = name.indexOf('-', dash + 1);
    }
    // 2. any leading words before the first '-' that is followed by a digit (the state belongs
    //    to a sibling sub-package: kernel-tools-libs-devel with 0:tools-6.6.102-...)
    String r = rest;
    for (int i = 0; i < 8; i++) {
      Matcher w = LEADING_WORDS.matcher(r);
      if (!w.matches()) {
        break;
      }
      r = w.group(1);
      if (!r.isEmpty() && Character.isDigit(r.charAt(0))) {
        Evr repaired = tryParse(epoch + r);
        if (repaired != null) {
          return new Result(repaired, evr);
        }
      }
    }
    throw new IllegalArgumentException("'" + evr + "' is not an EVR");
  }

  private static boolean startsWithNameSuffix(String name, String version) {
    int dash = name.indexOf('-');
    return dash > 0 && version.startsWith(name.substring(dash + 1));
  }

  private static Evr tryParse(String s) {
    try {
      Evr e = Evr.parse(s);
      return Character.isDigit(e.version().charAt(0)) ? e : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
