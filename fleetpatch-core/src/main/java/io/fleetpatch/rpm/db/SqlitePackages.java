package io.fleetpatch.rpm.db;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads {@code rpmdb.sqlite} (rpm >= 4.16, lib/backend/sqlite.c): table {@code Packages(hnum
 * INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)}, one header blob per row.
 *
 * <p>The file is opened as an immutable read-only URI ({@code file:...?mode=ro&immutable=1},
 * sqlite.org/uri.html): sqlite then takes no locks and creates no {@code -shm}/{@code -wal} files
 * (the oracle's gotcha 16: even a read-only {@code rpm -qa} creates them). The cost: changes still
 * in a {@code -wal} file beside the database (an interrupted rpm transaction) are not seen.
 */
final class SqlitePackages {
  private SqlitePackages() {}

  static List<HeaderBlob> read(Path file) {
    String uri =
        "jdbc:sqlite:file:"
            + file.toAbsolutePath().normalize().toUri().getRawPath()
            + "?mode=ro&immutable=1";
    Properties props = new Properties();
    props.setProperty("open_mode", String.valueOf(0x00000001 | 0x00000040)); // READONLY | URI
    try (Connection c = DriverManager.getConnection(uri, props)) {
      if (!hasPackagesTable(c)) {
        throw new ProblemException(
            Problem.of(file.toString(), "sqlite database without a Packages table: not an rpmdb"));
      }
      List<HeaderBlob> out = new ArrayList<>();
      try (PreparedStatement st =
              c.prepareStatement("SELECT hnum, blob FROM Packages ORDER BY hnum");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          byte[] blob = rs.getBytes(2);
          if (blob == null) {
            throw new ProblemException(
                Problem.at(
                    file.toString(), "hnum " + rs.getLong(1), "Packages row without a blob"));
          }
          out.add(new HeaderBlob(rs.getLong(1), blob));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new ProblemException(
          Problem.of(file.toString(), "sqlite cannot read it: " + e.getMessage()), e);
    }
  }

  private static boolean hasPackagesTable(Connection c) throws SQLException {
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'");
        ResultSet rs = st.executeQuery()) {
      return rs.next();
    }
  }
}
