package io.fleetpatch.rpm.db;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    checkSize(file);
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

  /**
   * sqlite.org/fileformat2.html §1.3: the page size (bytes 16-17, 1 = 65536) and, when valid (bytes
   * 92-95 equal the change counter at 24-27), the database size in pages (bytes 28-31). A file
   * shorter than that is truncated; sqlite itself may not notice until it reads a missing page, or
   * may silently see fewer rows, so it is refused here first.
   */
  private static void checkSize(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer h = ByteBuffer.allocate(100);
      while (h.hasRemaining() && ch.read(h, h.position()) > 0) {}
      if (h.hasRemaining()) {
        throw new ProblemException(
            Problem.of(file.toString(), "sqlite file of " + size + " bytes: truncated header"));
      }
      int ps = h.getShort(16) & 0xffff;
      long pageSize = ps == 1 ? 65536 : ps;
      if (pageSize < 512 || Long.bitCount(pageSize) != 1) {
        throw new ProblemException(
            Problem.of(file.toString(), "sqlite header: bad page size " + ps));
      }
      long pages = Integer.toUnsignedLong(h.getInt(28));
      boolean countValid = h.getInt(92) == h.getInt(24) && pages != 0;
      if (size % pageSize != 0 || (countValid && pages * pageSize > size)) {
        throw new ProblemException(
            Problem.of(
                file.toString(),
                "sqlite file of "
                    + size
                    + " bytes is not the "
                    + (countValid ? pages + " pages of " : "whole pages of ")
                    + pageSize
                    + " bytes its header announces: truncated"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
