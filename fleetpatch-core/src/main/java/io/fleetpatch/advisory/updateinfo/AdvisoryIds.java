package io.fleetpatch.advisory.updateinfo;

import java.util.regex.Pattern;

/**
 * The shape every advisory id of the supported distributions has: a prefix, a year, and a sequence
 * after '-' or ':' (ALAS-2011-1, ALAS2-2018-939, ALAS2KERNEL-5.10-2022-001, ALAS2023-2023-001,
 * RLSA-2021:2575, ALSA-2022:4940, ALINUX3-SA-2024:0012, FEDORA-2023-1a2b3c4d5e, ELSA-2018-1196-1).
 * An id without a year is not an advisory id but a broken feed (the Rocky "badid" fixture).
 */
public final class AdvisoryIds {
  private static final Pattern ID =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9._+-]*-(?:19|20)\\d\\d[-:][A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*");

  private AdvisoryIds() {}

  public static boolean valid(String id) {
    return id.length() <= 128 && ID.matcher(id).matches();
  }
}
