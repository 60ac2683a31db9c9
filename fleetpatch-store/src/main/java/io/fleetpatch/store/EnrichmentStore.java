package io.fleetpatch.store;

import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The CVE enrichment tables: imports of the CISA KEV catalogue ({@code kev}) and of FIRST EPSS
 * scores ({@code epss}), each keyed by CVE id, and their lookup by CVE.
 */
final class EnrichmentStore {
  private static final String KEV_COLUMNS =
      "cve_id, vendor_project, product, name, date_added, due_date, known_ransomware";
  private static final String EPSS_COLUMNS = "cve_id, epss, percentile, score_date";

  /** Binds one entry's columns, in table order, and the import id after them. */
  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T entry, long importId) throws SQLException;
  }

  /** How one enrichment table is read and written. */
  private record Table<T>(
      String name,
      String columns,
      Function<T, String> cve,
      SqlRows.Mapper<T> row,
      Binder<T> binder,
      // an incoming entry older than the stored one keeps the stored one
      BiPredicate<T, T> older,
      // the incoming entries replace the table whole, so stored entries they lack go
      boolean replaceWhole) {
    String insert() {
      int n = columns.split(",").length + 1;
      return "INSERT INTO "
          + name
          + " ("
          + columns
          + ", import_id) VALUES ("
          + String.join(",", Collections.nCopies(n, "?"))
          + ")";
    }
  }

  private static final Table<KevEntry> KEV =
      new Table<>(
          "kev",
          KEV_COLUMNS,
          KevEntry::cveId,
          EnrichmentStore::kev,
          (ps, e, importId) -> {
            ps.setString(1, e.cveId());
            ps.setString(2, e.vendorProject());
            ps.setString(3, e.product());
            ps.setString(4, e.name());
            ps.setString(5, TextTime.format(e.dateAdded()));
            ps.setString(6, TextTime.format(e.dueDate()));
            ps.setBoolean(7, e.knownRansomware());
            ps.setLong(8, importId);
          },
          (incoming, stored) -> false,
          // the catalogue is replaced whole: entries CISA removed go too
          true);

  private static final Table<EpssScore> EPSS =
      new Table<>(
          "epss",
          EPSS_COLUMNS,
          EpssScore::cveId,
          EnrichmentStore::epss,
          (ps, s, importId) -> {
            ps.setString(1, s.cveId());
            ps.setDouble(2, s.epss());
            ps.setDouble(3, s.percentile());
            ps.setString(4, TextTime.format(s.scoreDate()));
            ps.setLong(5, importId);
          },
          EnrichmentStore::olderScore,
          false);

  private final FeedImportTransaction transaction;

  EnrichmentStore(FeedImportTransaction transaction) {
    this.transaction = transaction;
  }

  ImportOutcome importKev(FeedImport feed, Collection<KevEntry> entries) {
    return importInto(KEV, feed, entries);
  }

  ImportOutcome importEpss(FeedImport feed, Collection<EpssScore> scores) {
    return importInto(EPSS, feed, scores);
  }

  /** The KEV entry of {@code cveId}, if the catalogue lists it. */
  static Optional<KevEntry> kev(Connection c, String cveId) throws SQLException {
    return find(c, KEV, cveId);
  }

  /** The EPSS score of {@code cveId}, if there is one. */
  static Optional<EpssScore> epss(Connection c, String cveId) throws SQLException {
    return find(c, EPSS, cveId);
  }

  private <T> ImportOutcome importInto(Table<T> table, FeedImport feed, Collection<T> entries) {
    Map<String, T> byCve = new LinkedHashMap<>();
    for (T e : entries) {
      byCve.put(table.cve().apply(e), e);
    }
    return transaction.run(
        feed,
        c -> {
          Map<String, T> old = new HashMap<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT " + table.columns() + " FROM " + table.name())) {
            while (rs.next()) {
              old.put(rs.getString(1), table.row().map(rs));
            }
          }
          List<T> write = new ArrayList<>();
          List<String> delete = new ArrayList<>();
          int added = 0;
          int changed = 0;
          for (T e : byCve.values()) {
            T o = old.get(table.cve().apply(e));
            if (o == null) {
              added++;
              write.add(e);
            } else if (!o.equals(e) && !table.older().test(e, o)) {
              changed++;
              write.add(e);
              delete.add(table.cve().apply(e));
            }
          }
          if (table.replaceWhole()) {
            for (String cve : old.keySet()) {
              if (!byCve.containsKey(cve)) {
                delete.add(cve);
              }
            }
          }
          boolean changes = !write.isEmpty() || !delete.isEmpty();
          Provenance p = transaction.record(c, feed, changes, byCve.size(), added, changed);
          deleteKeys(c, table.name(), delete);
          try (PreparedStatement ps = c.prepareStatement(table.insert())) {
            SqlBatch batch = new SqlBatch(ps);
            for (T e : write) {
              table.binder().bind(ps, e, p.id());
              batch.add();
            }
            batch.finish();
          }
          return p;
        });
  }

  private static <T> Optional<T> find(Connection c, Table<T> table, String cveId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + table.columns() + " FROM " + table.name() + " WHERE cve_id = ?")) {
      ps.setString(1, cveId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(table.row().map(rs)) : Optional.empty();
      }
    }
  }

  private static KevEntry kev(ResultSet rs) throws SQLException {
    return new KevEntry(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        TextTime.parseDate(rs.getString(5)),
        TextTime.parseDate(rs.getString(6)),
        rs.getBoolean(7));
  }

  private static EpssScore epss(ResultSet rs) throws SQLException {
    return new EpssScore(
        rs.getString(1), rs.getDouble(2), rs.getDouble(3), TextTime.parseDate(rs.getString(4)));
  }

  private static boolean olderScore(EpssScore s, EpssScore stored) {
    return s.scoreDate() != null
        && stored.scoreDate() != null
        && s.scoreDate().isBefore(stored.scoreDate());
  }

  private static void deleteKeys(Connection c, String table, List<String> cves)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE cve_id = ?")) {
      SqlBatch batch = new SqlBatch(ps);
      for (String cve : cves) {
        ps.setString(1, cve);
        batch.add();
      }
      batch.finish();
    }
  }
}
