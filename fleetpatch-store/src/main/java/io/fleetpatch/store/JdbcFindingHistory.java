package io.fleetpatch.store;

import io.fleetpatch.compliance.history.FindingEpisode;
import io.fleetpatch.compliance.history.FindingHistory;
import io.fleetpatch.compliance.history.OpenFindings;
import io.fleetpatch.compliance.history.RecordPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * {@link FindingHistory} on the {@code finding_host} and {@code finding_history} tables (V3). A run
 * is recorded in one transaction that holds the history's write lock from its start: it re-reads
 * the open episodes of the hosts it judged, plans the change ({@link RecordPlan}) and writes it in
 * JDBC batches, so a daily run writes only what changed plus one row per host.
 */
final class JdbcFindingHistory implements FindingHistory {
  /** Rows fetched per round trip when reading the history (PostgreSQL streams only with this). */
  private static final int FETCH = 10_000;

  private final DataSource dataSource;
  private final Dialect dialect;

  JdbcFindingHistory(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  @Override
  public OpenFindings openFindings() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        return load(c, h -> true);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read the finding history", e);
    }
  }

  @Override
  public RecordPlan record(LocalDate day, Map<String, Set<String>> openByHost) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          // EXCLUSIVE lets readers on (postgresql.org/docs/current/explicit-locking.html); SQLite
          // connections begin IMMEDIATE, which takes the write lock (Database.openSqlite)
          try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE finding_host IN EXCLUSIVE MODE");
          }
        }
        RecordPlan plan = RecordPlan.of(load(c, openByHost::containsKey), day, openByHost);
        write(c, plan);
        c.commit();
        return plan;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Database.failure("cannot record the finding history of " + day, e);
    }
  }

  @Override
  public LocalDate firstSeen(String hostId, String advisoryId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT first_seen FROM finding_history"
                    + " WHERE host_id = ? AND advisory_id = ? AND closed_on IS NULL")) {
      ps.setString(1, hostId);
      ps.setString(2, advisoryId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? TextTime.parseDate(rs.getString(1)) : null;
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read the finding history of host '" + hostId + "'", e);
    }
  }

  @Override
  public List<FindingEpisode> episodes(String hostId) {
    List<FindingEpisode> out =
        SqlRows.list(
            dataSource,
            "SELECT advisory_id, first_seen, last_seen, closed_on FROM finding_exposure"
                + " WHERE host_id = ?",
            hostId,
            rs ->
                new FindingEpisode(
                    hostId,
                    rs.getString(1),
                    TextTime.parseDate(rs.getString(2)),
                    TextTime.parseDate(rs.getString(3)),
                    TextTime.parseDate(rs.getString(4))),
            "cannot read the finding history of host '" + hostId + "'");
    // sorted here: ORDER BY would use PostgreSQL's locale collation, SQLite's binary one
    return out.stream().sorted(Comparator.comparing(FindingEpisode::advisoryId)).toList();
  }

  /** The hosts' days and open episodes, for hosts {@code wanted} accepts. */
  private static OpenFindings load(Connection c, Predicate<String> wanted) throws SQLException {
    OpenFindings.Builder b = OpenFindings.builder();
    try (Statement st = c.createStatement()) {
      st.setFetchSize(FETCH);
      try (ResultSet rs = st.executeQuery("SELECT host_id, last_recorded FROM finding_host")) {
        while (rs.next()) {
          String h = rs.getString(1);
          if (wanted.test(h)) {
            b.host(h, TextTime.parseDate(rs.getString(2)));
          }
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT host_id, advisory_id, first_seen FROM finding_history"
                  + " WHERE closed_on IS NULL")) {
        // dates repeat: parse each distinct text once
        Map<String, LocalDate> dates = new HashMap<>();
        while (rs.next()) {
          String h = rs.getString(1);
          if (wanted.test(h)) {
            b.open(h, rs.getString(2), dates.computeIfAbsent(rs.getString(3), LocalDate::parse));
          }
        }
      }
    }
    return b.build();
  }

  private static void write(Connection c, RecordPlan plan) throws SQLException {
    String day = TextTime.format(plan.day());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO finding_history (host_id, advisory_id, first_seen, last_seen, closed_on)"
                + " VALUES (?, ?, ?, NULL, NULL)"
                + " ON CONFLICT (host_id, advisory_id) DO UPDATE SET"
                + " first_seen = excluded.first_seen, last_seen = NULL, closed_on = NULL")) {
      SqlBatch batch = new SqlBatch(ps);
      for (RecordPlan.Opened o : plan.opened()) {
        ps.setString(1, o.hostId());
        ps.setString(2, o.advisoryId());
        ps.setString(3, day);
        batch.add();
      }
      batch.finish();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE finding_history SET last_seen = ?, closed_on = ?"
                + " WHERE host_id = ? AND advisory_id = ?")) {
      SqlBatch batch = new SqlBatch(ps);
      for (RecordPlan.Closed x : plan.closed()) {
        ps.setString(1, TextTime.format(x.lastSeen()));
        ps.setString(2, day);
        ps.setString(3, x.hostId());
        ps.setString(4, x.advisoryId());
        batch.add();
      }
      batch.finish();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO finding_host (host_id, last_recorded) VALUES (?, ?)"
                + " ON CONFLICT (host_id) DO UPDATE SET last_recorded = excluded.last_recorded")) {
      SqlBatch batch = new SqlBatch(ps);
      for (String h : plan.recordedHosts()) {
        ps.setString(1, h);
        ps.setString(2, day);
        batch.add();
      }
      batch.finish();
    }
  }
}
