package io.fleetpatch.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: a SQLite file, or a PostgreSQL database. {@link #parse(String)} reads the
 * {@code --db} option: {@code postgresql://[user[:password]@]host[:port]/db[?params]} (also {@code
 * postgres://} and {@code jdbc:postgresql:...}), {@code jdbc:sqlite:PATH}, or else a SQLite file
 * path.
 *
 * @param jdbcUrl the JDBC URL, without user and password
 * @param user the user, or null
 * @param password the password, or null
 * @param sqliteFile the SQLite file, or null for PostgreSQL
 */
public record DatabaseTarget(
    Dialect dialect, String jdbcUrl, String user, String password, Path sqliteFile) {
  public DatabaseTarget {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  public static DatabaseTarget sqlite(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return new DatabaseTarget(Dialect.SQLITE, "jdbc:sqlite:" + abs, null, null, abs);
  }

  public static DatabaseTarget postgresql(String jdbcUrl, String user, String password) {
    return new DatabaseTarget(Dialect.POSTGRESQL, jdbcUrl, user, password, null);
  }

  /**
   * Reads a {@code --db} value.
   *
   * @throws IllegalArgumentException quoting the value when it is a malformed URL
   */
  public static DatabaseTarget parse(String db) {
    Objects.requireNonNull(db, "db");
    if (db.startsWith("jdbc:postgresql:")) {
      return postgresql(db, null, null);
    }
    if (db.startsWith("jdbc:sqlite:")) {
      return sqlite(Path.of(db.substring("jdbc:sqlite:".length())));
    }
    if (db.startsWith("postgresql://") || db.startsWith("postgres://")) {
      return fromPostgresUri(db);
    }
    if (db.isBlank()) {
      throw new IllegalArgumentException("empty --db");
    }
    return sqlite(Path.of(db));
  }

  // libpq's URI form (postgresql.org/docs/current/libpq-connect.html §34.1.1.2) mapped to pgjdbc's
  // jdbc:postgresql://host:port/database?params
  private static DatabaseTarget fromPostgresUri(String db) {
    URI uri;
    try {
      uri = new URI(db);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed database URL '" + redact(db) + "'", e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database URL without a host: '" + redact(db) + "'");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      jdbc.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    jdbc.append(path);
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return postgresql(jdbc.toString(), user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@");
  }

  /** A description for messages: the file, or the URL with the user but never the password. */
  public String display() {
    if (sqliteFile != null) {
      return sqliteFile.toString();
    }
    return user == null ? jdbcUrl : jdbcUrl + " (user " + user + ")";
  }

  @Override
  public String toString() {
    return display();
  }
}
