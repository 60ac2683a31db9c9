package io.fleetpatch.store;

import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One feed import as one transaction under the store's write lock, and its provenance row in {@code
 * feed_import}.
 */
final class FeedImportTransaction {
  /** The writes of one import; returns the provenance it recorded. */
  @FunctionalInterface
  interface Work {
    Provenance run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;

  FeedImportTransaction(DataSource dataSource, Dialect dialect, Clock clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
  }

  /**
   * Runs one import in one transaction under the write lock. When the feed's latest import had the
   * same checksum nothing is written. Any failure rolls everything back.
   */
  ImportOutcome run(FeedImport feed, Work work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        String lock = dialect.writeLockStatement();
        if (lock != null) {
          try (Statement st = c.createStatement()) {
            st.execute(lock);
          }
        }
        if (latestChecksum(c, feed).filter(feed.checksum()::equals).isPresent()) {
          long dv = currentDataVersion(c);
          c.rollback();
          return new ImportOutcome(feed, null, dv);
        }
        Provenance p = work.run(c);
        c.commit();
        return new ImportOutcome(feed, p, p.dataVersion());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Database.failure("import of " + feed.source() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Records the import's provenance at the next data version when it changed anything, else at the
   * current one.
   */
  Provenance record(
      Connection c, FeedImport feed, boolean changes, int total, int added, int changed)
      throws SQLException {
    long dataVersion = currentDataVersion(c) + (changes ? 1 : 0);
    int unchanged = total - added - changed;
    long id = SqlRows.nextId(c, "feed_import", "id");
    Instant now = clock.instant();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO feed_import (id, data_version, kind, feed_key, source, checksum,"
                + " fetched_at, imported_at, total, added, changed, unchanged)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, id);
      ps.setLong(2, dataVersion);
      ps.setString(3, feed.kind().toString());
      ps.setString(4, feed.feedKey());
      ps.setString(5, feed.source());
      ps.setString(6, feed.checksum());
      ps.setString(7, TextTime.format(feed.fetchedAt()));
      ps.setString(8, TextTime.format(now));
      ps.setInt(9, total);
      ps.setInt(10, added);
      ps.setInt(11, changed);
      ps.setInt(12, unchanged);
      ps.executeUpdate();
    }
    return new Provenance(
        id,
        dataVersion,
        feed.kind(),
        feed.feedKey(),
        feed.source(),
        feed.checksum(),
        TextTime.parseInstant(TextTime.format(feed.fetchedAt())),
        TextTime.parseInstant(TextTime.format(now)),
        total,
        added,
        changed,
        unchanged);
  }

  static long currentDataVersion(Connection c) throws SQLException {
    return SqlRows.single(c, "SELECT COALESCE(MAX(data_version), 0) FROM feed_import");
  }

  private static Optional<String> latestChecksum(Connection c, FeedImport feed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT checksum FROM feed_import WHERE kind = ? AND feed_key = ?"
                + " ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, feed.kind().toString());
      ps.setString(2, feed.feedKey());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
