package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening a store skips Flyway only when it has exactly the classpath's migrations. */
class SchemaCurrencyTest {
  @TempDir Path dir;

  @Test
  void theClasspathVersionsAreThoseFlywayFinds() {
    TreeSet<String> flywaySees =
        Arrays.stream(
                Flyway.configure()
                    .dataSource("jdbc:sqlite:" + dir.resolve("empty.db"), null, null)
                    .locations("classpath:" + SchemaCurrency.LOCATION)
                    .load()
                    .info()
                    .all())
            .map(MigrationInfo::getVersion)
            .map(Object::toString)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(SchemaCurrency.classpathVersions()).contains(flywaySees);
    assertThat(flywaySees).contains("1");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNewStoreIsNotCurrentAndAMigratedOneIs(Backend backend) throws Exception {
    DatabaseTarget target = backend.freshTarget(dir);
    try (Database db = Database.open(target)) {
      assertThat(SchemaCurrency.isCurrent(db.dataSource())).isTrue();
      // a new database (no history table) is never taken for current
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE flyway_schema_history");
      }
      assertThat(SchemaCurrency.isCurrent(db.dataSource())).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anOlderStoreIsMigratedOnOpen(Backend backend) throws Exception {
    DatabaseTarget target = backend.freshTarget(dir);
    // a store of the first schema: only V1 applied
    Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:" + SchemaCurrency.LOCATION)
        .target("1")
        .load()
        .migrate();
    try (Database db = Database.open(target)) {
      assertThat(appliedVersions(db)).isEqualTo(SchemaCurrency.classpathVersions().orElseThrow());
      assertThat(SchemaCurrency.isCurrent(db.dataSource())).isTrue();
      // V2's table exists: opening did not skip the missing migration
      assertThat(db.baselines().list()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStoreMissingAMigrationIsNotCurrent(Backend backend) throws Exception {
    try (Database db = backend.openFresh(dir)) {
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "DELETE FROM flyway_schema_history WHERE installed_rank ="
                + " (SELECT MAX(installed_rank) FROM flyway_schema_history)");
      }
      assertThat(SchemaCurrency.isCurrent(db.dataSource())).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedMigrationIsNotCurrent(Backend backend) throws Exception {
    try (Database db = backend.openFresh(dir)) {
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "UPDATE flyway_schema_history SET success = "
                + (backend == Backend.SQLITE ? "0" : "false")
                + " WHERE version = '1'");
      }
      assertThat(SchemaCurrency.isCurrent(db.dataSource())).isFalse();
    }
  }

  private static TreeSet<String> appliedVersions(Database db) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
