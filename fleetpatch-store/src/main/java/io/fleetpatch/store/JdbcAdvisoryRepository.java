package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.CveReport;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.Provenance;
import io.fleetpatch.advisory.store.RepoSelection;
import io.fleetpatch.advisory.store.StoreCounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link AdvisoryRepository} in SQL that runs unchanged on SQLite and PostgreSQL. Each import is
 * one transaction under the store's write lock ({@link FeedImportTransaction}); rows are written in
 * JDBC batches. Advisories are written by {@link AdvisoryImport} and read by {@link
 * AdvisoryQueries}, KEV and EPSS live in {@link EnrichmentStore}, and {@link ImportHistory} answers
 * for provenance and counts.
 */
final class JdbcAdvisoryRepository implements AdvisoryRepository {
  private final DataSource dataSource;
  private final AdvisoryImport advisoryImport;
  private final EnrichmentStore enrichment;
  private final AdvisoryQueries queries;
  private final ImportHistory history;

  JdbcAdvisoryRepository(DataSource dataSource, Dialect dialect) {
    this(dataSource, dialect, Clock.systemUTC());
  }

  JdbcAdvisoryRepository(DataSource dataSource, Dialect dialect, Clock clock) {
    FeedImportTransaction transaction = new FeedImportTransaction(dataSource, dialect, clock);
    this.dataSource = dataSource;
    this.advisoryImport = new AdvisoryImport(transaction);
    this.enrichment = new EnrichmentStore(transaction);
    this.queries = new AdvisoryQueries(dataSource);
    this.history = new ImportHistory(dataSource);
  }

  @Override
  public ImportOutcome importAdvisories(FeedImport feed, Collection<Advisory> advisories) {
    return advisoryImport.run(feed, advisories);
  }

  @Override
  public ImportOutcome importKev(FeedImport feed, Collection<KevEntry> entries) {
    return enrichment.importKev(feed, entries);
  }

  @Override
  public ImportOutcome importEpss(FeedImport feed, Collection<EpssScore> scores) {
    return enrichment.importEpss(feed, scores);
  }

  @Override
  public List<Advisory> findById(String advisoryId) {
    return queries.findById(advisoryId);
  }

  @Override
  public List<Advisory> list(AdvisoryQuery q) {
    return queries.list(q);
  }

  @Override
  public List<Advisory> list(RepoSelection selection) {
    return queries.list(selection);
  }

  @Override
  public CveReport cve(String cveId) {
    List<Advisory> advisories = list(new AdvisoryQuery(null, null, cveId, null));
    try (Connection c = dataSource.getConnection()) {
      return new CveReport(
          cveId, advisories, EnrichmentStore.kev(c, cveId), EnrichmentStore.epss(c, cveId));
    } catch (SQLException e) {
      throw Database.failure("cannot read " + cveId, e);
    }
  }

  @Override
  public List<Provenance> imports() {
    return history.imports();
  }

  @Override
  public List<AdvisoryChange> changes(String advisoryId) {
    return history.changes(advisoryId);
  }

  @Override
  public long dataVersion() {
    return history.dataVersion();
  }

  @Override
  public StoreCounts counts() {
    return history.counts();
  }
}
