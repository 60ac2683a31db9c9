package io.fleetpatch.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a store already has exactly the migrations on the classpath, checked without starting
 * Flyway (whose start, scan and validation cost about a second of a one-host scan). The store is
 * current when Flyway's history table ({@code flyway_schema_history}, Flyway's default, "Schema
 * history table" in its documentation) records each versioned migration of {@code db/migration}
 * once, all successful, and nothing else. Anything else (a new or older store, a failed migration,
 * a repeatable or callback script, an unreadable classpath) means "not known to be current", and
 * the caller runs Flyway as before, which migrates and validates.
 *
 * <p>What this skips is Flyway's checksum validation of scripts already applied: an applied script
 * edited afterwards is not reported on a store that is otherwise current.
 */
final class SchemaCurrency {
  static final String LOCATION = "db/migration";

  /** Flyway's versioned migration names: {@code V<version>__<description>.sql}. */
  private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

  private SchemaCurrency() {}

  /** Whether the store behind {@code dataSource} needs no migration. */
  static boolean isCurrent(DataSource dataSource) {
    Optional<TreeSet<String>> wanted = classpathVersions();
    if (wanted.isEmpty() || wanted.get().isEmpty()) {
      return false;
    }
    List<String> applied = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (version == null || !rs.getBoolean(2)) {
          return false;
        }
        applied.add(version);
      }
    } catch (SQLException e) {
      // no history table yet (a new store), or another engine's surprise: let Flyway decide
      return false;
    }
    return applied.size() == wanted.get().size() && new TreeSet<>(applied).equals(wanted.get());
  }

  /**
   * The versions of the migration scripts on the classpath; empty when a script is not a versioned
   * migration (Flyway must then run) or the location cannot be listed.
   */
  static Optional<TreeSet<String>> classpathVersions() {
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> dirs = SchemaCurrency.class.getClassLoader().getResources(LOCATION);
      while (dirs.hasMoreElements()) {
        if (!list(dirs.nextElement(), names)) {
          return Optional.empty();
        }
      }
    } catch (IOException | URISyntaxException e) {
      return Optional.empty();
    }
    TreeSet<String> versions = new TreeSet<>();
    for (String name : names) {
      Matcher m = VERSIONED.matcher(name);
      // Flyway reads "_" in a version as "."
      if (!m.matches() || !versions.add(m.group(1).replace('_', '.'))) {
        return Optional.empty();
      }
    }
    return Optional.of(versions);
  }

  /** Adds the file names directly under a {@code file:} or {@code jar:} folder URL. */
  private static boolean list(URL dir, List<String> names) throws IOException, URISyntaxException {
    switch (dir.getProtocol()) {
      case "file" -> {
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
          s.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
        }
        return true;
      }
      case "jar" -> {
        URLConnection conn = dir.openConnection();
        if (!(conn instanceof JarURLConnection jar)) {
          return false;
        }
        conn.setUseCaches(false);
        String prefix = LOCATION + "/";
        try (JarFile file = jar.getJarFile()) {
          for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String n = entry.getName();
            if (!entry.isDirectory()
                && n.startsWith(prefix)
                && n.indexOf('/', prefix.length()) < 0) {
              names.add(n.substring(prefix.length()));
            }
          }
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
