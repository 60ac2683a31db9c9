package io.fleetpatch.store;

import io.fleetpatch.baseline.BaselineFormat;
import io.fleetpatch.baseline.store.BaselineChange;
import io.fleetpatch.baseline.store.BaselineRepository;
import io.fleetpatch.baseline.store.StoredBaseline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link BaselineRepository} on the {@code baseline} and {@code baseline_history} tables. */
final class JdbcBaselineRepository implements BaselineRepository {
  private static final String COLUMNS = "name, format, document, created_at, updated_at";

  private final DataSource dataSource;
  private final Dialect dialect;

  JdbcBaselineRepository(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  @Override
  public StoredBaseline save(String name, BaselineFormat format, String document, Instant at) {
    StoredBaseline.checkName(name);
    // validate before touching the database: a bad document changes nothing
    StoredBaseline.parse(name, format, document);
    return inTransaction(
        "cannot save baseline '" + name + "'",
        c -> {
          Optional<StoredBaseline> old = find(c, name);
          String now = TextTime.format(at);
          if (old.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO baseline (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
              ps.setString(1, name);
              ps.setString(2, format.toString());
              ps.setString(3, document);
              ps.setString(4, now);
              ps.setString(5, now);
              ps.executeUpdate();
            }
            record(c, name, BaselineChange.Action.CREATED, now, null);
          } else {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE baseline SET format = ?, document = ?, updated_at = ? WHERE name = ?")) {
              ps.setString(1, format.toString());
              ps.setString(2, document);
              ps.setString(3, now);
              ps.setString(4, name);
              ps.executeUpdate();
            }
            record(c, name, BaselineChange.Action.REPLACED, now, old.get());
          }
          return find(c, name).orElseThrow();
        });
  }

  @Override
  public Optional<StoredBaseline> find(String name) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, name);
    } catch (SQLException e) {
      throw Database.failure("cannot read baseline '" + name + "'", e);
    }
  }

  @Override
  public List<StoredBaseline> list() {
    List<StoredBaseline> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM baseline")) {
      while (rs.next()) {
        out.add(row(rs));
      }
    } catch (SQLException e) {
      throw Database.failure("cannot list the stored baselines", e);
    }
    // sorted here: ORDER BY would use PostgreSQL's locale collation, SQLite's binary one
    out.sort(Comparator.comparing(StoredBaseline::name));
    return out;
  }

  @Override
  public boolean delete(String name, Instant at) {
    return inTransaction(
        "cannot delete baseline '" + name + "'",
        c -> {
          Optional<StoredBaseline> old = find(c, name);
          if (old.isEmpty()) {
            return false;
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM baseline WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
          record(c, name, BaselineChange.Action.DELETED, TextTime.format(at), old.get());
          return true;
        });
  }

  @Override
  public List<BaselineChange> history(String name) {
    return SqlRows.list(
        dataSource,
        "SELECT id, action, changed_at, previous_format, previous_document"
            + " FROM baseline_history WHERE name = ? ORDER BY id",
        name,
        rs -> {
          String pf = rs.getString(4);
          return new BaselineChange(
              rs.getLong(1),
              name,
              BaselineChange.Action.valueOf(rs.getString(2)),
              TextTime.parseInstant(rs.getString(3)),
              pf == null ? null : BaselineFormat.parse(pf),
              rs.getString(5));
        },
        "cannot read the history of baseline '" + name + "'");
  }

  private static Optional<StoredBaseline> find(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM baseline WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static StoredBaseline row(ResultSet rs) throws SQLException {
    return new StoredBaseline(
        rs.getString(1),
        BaselineFormat.parse(rs.getString(2)),
        rs.getString(3),
        TextTime.parseInstant(rs.getString(4)),
        TextTime.parseInstant(rs.getString(5)));
  }

  private static void record(
      Connection c, String name, BaselineChange.Action action, String at, StoredBaseline previous)
      throws SQLException {
    long id = SqlRows.nextId(c, "baseline_history", "id");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO baseline_history"
                + " (id, name, action, changed_at, previous_format, previous_document)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, name);
      ps.setString(3, action.name());
      ps.setString(4, at);
      ps.setString(5, previous == null ? null : previous.format().toString());
      ps.setString(6, previous == null ? null : previous.document());
      ps.executeUpdate();
    }
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction that holds the baseline write lock from its start, so two
   * writers serialise and history ids stay unique (SQLite: BEGIN IMMEDIATE, set on the connection;
   * PostgreSQL: an EXCLUSIVE table lock, which lets readers on).
   */
  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE baseline_history IN EXCLUSIVE MODE");
          }
        }
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Database.failure(what, e);
    }
  }
}
