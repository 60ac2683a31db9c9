package io.fleetpatch.store;

import io.fleetpatch.advisory.store.FetchState;
import io.fleetpatch.advisory.store.FetchStateRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link FetchStateRepository} on the {@code fetch_state} table. */
final class JdbcFetchStateRepository implements FetchStateRepository {
  private final DataSource dataSource;

  JdbcFetchStateRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<FetchState> find(String url) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT etag, last_modified, checksum, fetched_at FROM fetch_state WHERE url = ?")) {
      ps.setString(1, url);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new FetchState(
                url,
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                TextTime.parseInstant(rs.getString(4))));
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read the fetch state of " + url, e);
    }
  }

  @Override
  public void save(FetchState s) {
    // INSERT ... ON CONFLICT ... DO UPDATE: SQLite >= 3.24 and PostgreSQL >= 9.5 spell it the same
    String sql =
        "INSERT INTO fetch_state (url, etag, last_modified, checksum, fetched_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            + " last_modified = excluded.last_modified, checksum = excluded.checksum,"
            + " fetched_at = excluded.fetched_at";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, s.url());
      ps.setString(2, s.etag());
      ps.setString(3, s.lastModified());
      ps.setString(4, s.checksum());
      ps.setString(5, TextTime.format(s.fetchedAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Database.failure("cannot save the fetch state of " + s.url(), e);
    }
  }
}
