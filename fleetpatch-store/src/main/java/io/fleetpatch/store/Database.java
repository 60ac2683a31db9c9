package io.fleetpatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FetchStateRepository;
import io.fleetpatch.baseline.store.BaselineRepository;
import io.fleetpatch.compliance.history.FindingHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open store: the connection source for a {@link DatabaseTarget}, migrated to the current schema
 * by Flyway (classpath {@code db/migration}, the same scripts on SQLite and PostgreSQL), and the
 * repositories on it. Closing it closes the connection pool.
 */
public final class Database implements AutoCloseable {
  private final DatabaseTarget target;
  private final DataSource dataSource;
  private final AutoCloseable closer;

  private Database(DatabaseTarget target, DataSource dataSource, AutoCloseable closer) {
    this.target = target;
    this.dataSource = dataSource;
    this.closer = closer;
  }

  /**
   * Opens (creating a SQLite file and its folder if needed) and migrates the store. A store that
   * already has exactly the classpath's migrations is opened without starting Flyway ({@link
   * SchemaCurrency}).
   *
   * @throws UncheckedIOException when the database cannot be reached, created or migrated
   */
  public static Database open(DatabaseTarget target) {
    Database db =
        switch (target.dialect()) {
          case SQLITE -> openSqlite(target);
          case POSTGRESQL -> openPostgres(target);
        };
    if (SchemaCurrency.isCurrent(db.dataSource)) {
      return db;
    }
    try {
      Flyway.configure()
          .dataSource(db.dataSource)
          .locations("classpath:" + SchemaCurrency.LOCATION)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      db.close();
      throw failure("cannot migrate the database " + target.display() + ": " + e.getMessage(), e);
    }
    return db;
  }

  private static Database openSqlite(DatabaseTarget target) {
    try {
      Path parent = target.sqliteFile().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot create the folder of " + target.display() + ": " + e, e));
    }
    SQLiteConfig config = new SQLiteConfig();
    // sqlite.org/wal.html: readers do not block the writer; NORMAL is durable enough with WAL
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(30_000);
    // BEGIN IMMEDIATE: a writing transaction takes the write lock when it starts, so two imports
    // serialise instead of failing with SQLITE_BUSY on lock upgrade
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(target.jdbcUrl());
    return new Database(target, ds, () -> {});
  }

  private static Database openPostgres(DatabaseTarget target) {
    HikariConfig config = new HikariConfig();
    String url = target.jdbcUrl();
    // pgjdbc: send a JDBC batch as multi-row INSERTs (jdbc.postgresql.org/documentation/use/)
    if (!url.contains("reWriteBatchedInserts")) {
      url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    config.setJdbcUrl(url);
    if (target.user() != null) {
      config.setUsername(target.user());
    }
    if (target.password() != null) {
      config.setPassword(target.password());
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setPoolName("fleetpatch-store");
    config.setConnectionTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw failure(
          "cannot connect to the database " + target.display() + ": " + cause.getMessage(), e);
    }
    return new Database(target, ds, ds);
  }

  public DatabaseTarget target() {
    return target;
  }

  public Dialect dialect() {
    return target.dialect();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public AdvisoryRepository advisories() {
    return new JdbcAdvisoryRepository(dataSource, target.dialect());
  }

  public BaselineRepository baselines() {
    return new JdbcBaselineRepository(dataSource, target.dialect());
  }

  /** The finding history (first-seen days for SLA clocks). */
  public FindingHistory findingHistory() {
    return new JdbcFindingHistory(dataSource, target.dialect());
  }

  public FetchStateRepository fetchStates() {
    return new JdbcFetchStateRepository(dataSource);
  }

  /** The tables, in digest order, with the columns that order their rows. */
  private static final List<String[]> TABLES =
      List.of(
          new String[] {"feed_import", "id"},
          new String[] {"advisory", "pk"},
          new String[] {"advisory_package", "advisory_pk, seq"},
          new String[] {"advisory_cve", "advisory_pk, cve_id"},
          new String[] {"advisory_reference", "advisory_pk, seq"},
          new String[] {"advisory_change", "id"},
          new String[] {"kev", "cve_id"},
          new String[] {"epss", "cve_id"},
          new String[] {"fetch_state", "url"},
          new String[] {"baseline", "name"},
          new String[] {"baseline_history", "id"},
          new String[] {"finding_host", "host_id"},
          new String[] {"finding_history", "host_id, advisory_id"});

  /**
   * A SHA-256 over every row of every store table, in key order: equal digests mean equal stored
   * data (on the same engine). Used to show that a failed or repeated import changed nothing.
   */
  public String contentDigest() {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      for (String[] t : TABLES) {
        md.update(("\u0001" + t[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + t[0] + " ORDER BY " + t[1])) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder("\u0002");
            for (int i = 1; i <= n; i++) {
              String v = rs.getString(i);
              row.append(v == null ? "\u0000" : v).append('\u0003');
            }
            md.update(row.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read " + target.display(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A database failure, reported like other I/O failures (exit code 4 on the command line). */
  static UncheckedIOException failure(String message, Exception cause) {
    return new UncheckedIOException(new IOException(message, cause));
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + target.display(), e);
    }
  }
}
