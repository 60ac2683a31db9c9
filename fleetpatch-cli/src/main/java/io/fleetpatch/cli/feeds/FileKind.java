package io.fleetpatch.cli.feeds;

/** What a feed file holds, as told from its content by {@link FeedSniffer}. */
public enum FileKind {
  /** {@code <updates>}: yum updateinfo.xml. */
  UPDATEINFO,
  /** {@code <repomd>}: a repository's repodata/repomd.xml, which locates its updateinfo. */
  REPOMD,
  /** {@code <oval_definitions>}. */
  OVAL,
  /** {@code <rss>}: ALAS RSS. */
  RSS,
  /** JSON with {@code vulnerabilities}: CISA KEV catalogue. */
  KEV,
  /**
   * CSV {@code cve,epss,percentile} (optionally after a {@code #model_version} line): FIRST EPSS.
   */
  EPSS
}
