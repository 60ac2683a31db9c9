package io.fleetpatch.store;

import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.Provenance;
import io.fleetpatch.advisory.store.StoreCounts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Provenance and history of the advisory store: its feed imports, each advisory's changes, the data
 * version and the row counts.
 */
final class ImportHistory {
  private final DataSource dataSource;

  ImportHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<Provenance> imports() {
    List<Provenance> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, data_version, kind, feed_key, source, checksum, fetched_at,"
                    + " imported_at, total, added, changed, unchanged FROM feed_import"
                    + " ORDER BY id")) {
      while (rs.next()) {
        out.add(
            new Provenance(
                rs.getLong(1),
                rs.getLong(2),
                FeedKind.parse(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                TextTime.parseInstant(rs.getString(7)),
                TextTime.parseInstant(rs.getString(8)),
                rs.getInt(9),
                rs.getInt(10),
                rs.getInt(11),
                rs.getInt(12)));
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read the imports", e);
    }
    return out;
  }

  List<AdvisoryChange> changes(String advisoryId) {
    return SqlRows.list(
        dataSource,
        "SELECT import_id, os_release, repo, kind, previous_version, previous_updated,"
            + " version, updated FROM advisory_change WHERE advisory_id = ?"
            + " ORDER BY id",
        advisoryId,
        rs ->
            new AdvisoryChange(
                rs.getLong(1),
                advisoryId,
                new AdvisorySource(rs.getString(2), rs.getString(3)),
                AdvisoryChange.Kind.valueOf(rs.getString(4)),
                rs.getString(5),
                TextTime.parseInstant(rs.getString(6)),
                rs.getString(7),
                TextTime.parseInstant(rs.getString(8))),
        "cannot read the changes of " + advisoryId);
  }

  long dataVersion() {
    try (Connection c = dataSource.getConnection()) {
      return FeedImportTransaction.currentDataVersion(c);
    } catch (SQLException e) {
      throw Database.failure("cannot read the data version", e);
    }
  }

  StoreCounts counts() {
    try (Connection c = dataSource.getConnection()) {
      return new StoreCounts(
          SqlRows.single(c, "SELECT COUNT(*) FROM advisory"),
          SqlRows.single(c, "SELECT COUNT(*) FROM advisory_package"),
          SqlRows.single(c, "SELECT COUNT(DISTINCT cve_id) FROM advisory_cve"),
          SqlRows.single(c, "SELECT COUNT(*) FROM kev"),
          SqlRows.single(c, "SELECT COUNT(*) FROM epss"));
    } catch (SQLException e) {
      throw Database.failure("cannot count", e);
    }
  }
}
