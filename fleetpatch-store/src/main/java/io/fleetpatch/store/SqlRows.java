package io.fleetpatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Row reading shared by the JDBC repositories. */
final class SqlRows {
  private SqlRows() {}

  /** Builds one value from the current row of a result set. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * The rows of {@code sql}, run with its one parameter {@code param} on a connection of its own; a
   * failure becomes {@link Database#failure} with the message {@code what}.
   */
  static <T> List<T> list(
      DataSource dataSource, String sql, String param, Mapper<T> mapper, String what) {
    List<T> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
    } catch (SQLException e) {
      throw Database.failure(what, e);
    }
    return out;
  }

  /** The first column of the first row of {@code sql}, as a long. */
  static long single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The next free value of {@code table}'s integer key {@code column}. */
  static long nextId(Connection c, String table, String column) throws SQLException {
    return single(c, "SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table);
  }
}
