package io.fleetpatch.advisory.store;

import java.util.Locale;

/** What a feed holds, and so how it is imported. */
public enum FeedKind {
  /** yum updateinfo.xml (any compression), directly or through repomd.xml. */
  UPDATEINFO,
  /** OVAL definitions (Alibaba, RHEL family). */
  OVAL,
  /** ALAS RSS. */
  RSS,
  /** CISA Known Exploited Vulnerabilities catalogue. */
  KEV,
  /** FIRST EPSS scores. */
  EPSS;

  public static FeedKind parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
