package io.fleetpatch.advisory.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import java.util.Collection;
import java.util.List;

/**
 * The advisory store (DESIGN.md §6). Every import is one transaction: it is applied whole or not at
 * all. Importing a feed whose latest import had the same checksum writes nothing. An advisory is
 * identified by (source, id); one whose content changed replaces the stored one and the change is
 * recorded ({@link #changes}). Advisories missing from a later feed are kept (yum feeds are
 * cumulative).
 */
public interface AdvisoryRepository {
  /**
   * Imports the advisories of one feed (updateinfo, OVAL, RSS). An ALAS RSS feed ({@link
   * FeedKind#RSS}) only adds advisories the store lacks (bulletins without packages); any other
   * feed replaces an advisory that came from RSS.
   */
  ImportOutcome importAdvisories(FeedImport feed, Collection<Advisory> advisories);

  /** Replaces the KEV catalogue with {@code entries}. */
  ImportOutcome importKev(FeedImport feed, Collection<KevEntry> entries);

  /** Stores EPSS scores (a CVE's score is replaced by a newer one). */
  ImportOutcome importEpss(FeedImport feed, Collection<EpssScore> scores);

  /** Every stored advisory with this id (one per source that published it), sorted by source. */
  List<Advisory> findById(String advisoryId);

  /** Stored advisories matching the query, sorted by source then id. */
  List<Advisory> list(AdvisoryQuery query);

  /**
   * The stored advisories of the selected repos, sorted by source then id: what a scan of hosts
   * that can use only those repos needs, without reading the rest of the store.
   */
  List<Advisory> list(RepoSelection selection);

  CveReport cve(String cveId);

  /** The recorded imports, oldest first. */
  List<Provenance> imports();

  /** The recorded changes of one advisory id, oldest first. */
  List<AdvisoryChange> changes(String advisoryId);

  /** The data version: increases with every import that changed something; 0 when empty. */
  long dataVersion();

  StoreCounts counts();
}
