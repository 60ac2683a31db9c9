package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.CveReport;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.Provenance;
import io.fleetpatch.advisory.store.StoreCounts;
import io.fleetpatch.rpm.Evr;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link AdvisoryRepository} in SQL that runs unchanged on SQLite and PostgreSQL. Each import is
 * one transaction under the store's write lock; rows are written in JDBC batches.
 */
final class JdbcAdvisoryRepository implements AdvisoryRepository {
  private static final int BATCH = 1000;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;

  JdbcAdvisoryRepository(DataSource dataSource, Dialect dialect) {
    this(dataSource, dialect, Clock.systemUTC());
  }

  JdbcAdvisoryRepository(DataSource dataSource, Dialect dialect, Clock clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
  }

  // ---------------------------------------------------------------------------------- imports

  private record Key(String release, String repo, String id) {
    static Key of(Advisory a) {
      return new Key(a.source().release(), a.source().repo(), a.id());
    }
  }

  /** A stored advisory's key facts, and the kind of feed it came from. */
  private record Stored(long pk, String fingerprint, String version, String updated, String kind) {
    boolean fromRss() {
      return FeedKind.RSS.toString().equals(kind);
    }
  }

  @Override
  public ImportOutcome importAdvisories(FeedImport feed, Collection<Advisory> advisories) {
    // one row per (source, id): a feed that repeats an advisory keeps its last publication
    Map<Key, Advisory> byKey = new LinkedHashMap<>();
    for (Advisory a : advisories) {
      byKey.put(Key.of(a), a);
    }
    // ALAS RSS bulletins announce advisories before updateinfo lists their packages: they only
    // add what the store lacks, and any other feed replaces them
    boolean addOnly = feed.kind() == FeedKind.RSS;
    return inTransaction(
        feed,
        c -> {
          Map<Key, Stored> stored = loadStored(c, byKey.keySet());
          List<Advisory> added = new ArrayList<>();
          List<Advisory> replaced = new ArrayList<>();
          int unchanged = 0;
          Map<Key, String> fingerprints = new HashMap<>();
          for (Map.Entry<Key, Advisory> e : byKey.entrySet()) {
            Advisory a = e.getValue();
            String fp = AdvisoryFingerprint.of(a);
            fingerprints.put(e.getKey(), fp);
            Stored old = stored.get(e.getKey());
            if (old == null) {
              added.add(a);
            } else if (old.fingerprint().equals(fp)
                || addOnly
                || (!old.fromRss() && olderThanStored(a, old))) {
              unchanged++;
            } else {
              replaced.add(a);
            }
          }
          boolean changes = !added.isEmpty() || !replaced.isEmpty();
          long dataVersion = currentDataVersion(c) + (changes ? 1 : 0);
          Provenance p =
              insertImport(
                  c, feed, dataVersion, byKey.size(), added.size(), replaced.size(), unchanged);
          writeAdvisories(c, p.id(), added, replaced, stored, fingerprints);
          return p;
        });
  }

  /** An advisory whose {@code updated} is before the stored one's is an old publication. */
  private static boolean olderThanStored(Advisory a, Stored old) {
    String updated = TextTime.format(a.updated());
    return updated != null && old.updated() != null && updated.compareTo(old.updated()) < 0;
  }

  private Map<Key, Stored> loadStored(Connection c, Set<Key> keys) throws SQLException {
    Set<String[]> sources = new LinkedHashSet<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Key k : keys) {
      if (seen.add(k.release() + "\u0000" + k.repo())) {
        sources.add(new String[] {k.release(), k.repo()});
      }
    }
    Map<Key, Stored> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.pk, a.advisory_id, a.fingerprint, a.version, a.updated, f.kind"
                + " FROM advisory a JOIN feed_import f ON f.id = a.import_id"
                + " WHERE a.os_release = ? AND a.repo = ?")) {
      for (String[] s : sources) {
        ps.setString(1, s[0]);
        ps.setString(2, s[1]);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(
                new Key(s[0], s[1], rs.getString(2)),
                new Stored(
                    rs.getLong(1),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)));
          }
        }
      }
    }
    return out;
  }

  private void writeAdvisories(
      Connection c,
      long importId,
      List<Advisory> added,
      List<Advisory> replaced,
      Map<Key, Stored> stored,
      Map<Key, String> fingerprints)
      throws SQLException {
    Map<Long, Advisory> rows = new LinkedHashMap<>();
    // replaced advisories keep their key: update the row, rewrite its children
    if (!replaced.isEmpty()) {
      try (PreparedStatement upd =
              c.prepareStatement(
                  "UPDATE advisory SET type = ?, severity = ?, severity_text = ?, issued = ?,"
                      + " updated = ?, title = ?, description = ?, reboot_suggested = ?,"
                      + " version = ?, fingerprint = ?, import_id = ? WHERE pk = ?");
          Statement del = c.createStatement()) {
        for (Advisory a : replaced) {
          long pk = stored.get(Key.of(a)).pk();
          bindAdvisoryColumns(upd, 1, a, fingerprints.get(Key.of(a)), importId);
          upd.setLong(12, pk);
          upd.addBatch();
          rows.put(pk, a);
        }
        upd.executeBatch();
        for (String t : List.of("advisory_package", "advisory_cve", "advisory_reference")) {
          for (List<Long> chunk : chunks(new ArrayList<>(rows.keySet()))) {
            del.executeUpdate(
                "DELETE FROM " + t + " WHERE advisory_pk IN (" + joinLongs(chunk) + ")");
          }
        }
      }
    }
    long pk = nextId(c, "advisory", "pk");
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO advisory (type, severity, severity_text, issued, updated, title,"
                + " description, reboot_suggested, version, fingerprint, import_id, pk,"
                + " os_release, repo, advisory_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int n = 0;
      for (Advisory a : added) {
        bindAdvisoryColumns(ins, 1, a, fingerprints.get(Key.of(a)), importId);
        ins.setLong(12, pk);
        ins.setString(13, a.source().release());
        ins.setString(14, a.source().repo());
        ins.setString(15, a.id());
        ins.addBatch();
        rows.put(pk++, a);
        if (++n % BATCH == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
    insertChildren(c, rows);
    insertChanges(c, importId, added, replaced, stored, fingerprints);
  }

  private static void bindAdvisoryColumns(
      PreparedStatement ps, int i, Advisory a, String fingerprint, long importId)
      throws SQLException {
    ps.setString(i, a.type().toString());
    ps.setString(i + 1, a.severity().name());
    ps.setString(i + 2, a.severityText());
    ps.setString(i + 3, TextTime.format(a.issued()));
    ps.setString(i + 4, TextTime.format(a.updated()));
    ps.setString(i + 5, a.title());
    ps.setString(i + 6, a.description());
    ps.setBoolean(i + 7, a.rebootSuggested());
    ps.setString(i + 8, a.version());
    ps.setString(i + 9, fingerprint);
    ps.setLong(i + 10, importId);
  }

  private static void insertChildren(Connection c, Map<Long, Advisory> rows) throws SQLException {
    try (PreparedStatement pkg =
            c.prepareStatement(
                "INSERT INTO advisory_package (advisory_pk, seq, name, epoch, version,"
                    + " pkg_release, arch, filename) VALUES (?,?,?,?,?,?,?,?)");
        PreparedStatement cve =
            c.prepareStatement("INSERT INTO advisory_cve (advisory_pk, cve_id) VALUES (?,?)");
        PreparedStatement ref =
            c.prepareStatement(
                "INSERT INTO advisory_reference (advisory_pk, seq, type, ref_id, href, title)"
                    + " VALUES (?,?,?,?,?,?)")) {
      int np = 0;
      int nc = 0;
      int nr = 0;
      for (Map.Entry<Long, Advisory> e : rows.entrySet()) {
        long pk = e.getKey();
        Advisory a = e.getValue();
        int seq = 0;
        for (FixedPackage p : a.packages()) {
          pkg.setLong(1, pk);
          pkg.setInt(2, seq++);
          pkg.setString(3, p.name());
          if (p.fixed().epoch() == null) {
            pkg.setNull(4, Types.BIGINT);
          } else {
            pkg.setLong(4, p.fixed().epoch());
          }
          pkg.setString(5, p.fixed().version());
          pkg.setString(6, p.fixed().release());
          pkg.setString(7, p.arch());
          pkg.setString(8, p.filename());
          pkg.addBatch();
          if (++np % BATCH == 0) {
            pkg.executeBatch();
          }
        }
        for (String id : a.cves()) {
          cve.setLong(1, pk);
          cve.setString(2, id);
          cve.addBatch();
          if (++nc % BATCH == 0) {
            cve.executeBatch();
          }
        }
        seq = 0;
        for (Reference r : a.references()) {
          ref.setLong(1, pk);
          ref.setInt(2, seq++);
          ref.setString(3, r.type());
          ref.setString(4, r.id());
          ref.setString(5, r.href());
          ref.setString(6, r.title());
          ref.addBatch();
          if (++nr % BATCH == 0) {
            ref.executeBatch();
          }
        }
      }
      pkg.executeBatch();
      cve.executeBatch();
      ref.executeBatch();
    }
  }

  private static void insertChanges(
      Connection c,
      long importId,
      List<Advisory> added,
      List<Advisory> replaced,
      Map<Key, Stored> stored,
      Map<Key, String> fingerprints)
      throws SQLException {
    long id = nextId(c, "advisory_change", "id");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO advisory_change (id, import_id, os_release, repo, advisory_id, kind,"
                + " previous_version, previous_updated, previous_fingerprint, version, updated,"
                + " fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int n = 0;
      for (List<Advisory> list : List.of(added, replaced)) {
        for (Advisory a : list) {
          Stored old = stored.get(Key.of(a));
          ps.setLong(1, id++);
          ps.setLong(2, importId);
          ps.setString(3, a.source().release());
          ps.setString(4, a.source().repo());
          ps.setString(5, a.id());
          ps.setString(
              6, (old == null ? AdvisoryChange.Kind.ADDED : AdvisoryChange.Kind.REPLACED).name());
          ps.setString(7, old == null ? null : old.version());
          ps.setString(8, old == null ? null : old.updated());
          ps.setString(9, old == null ? null : old.fingerprint());
          ps.setString(10, a.version());
          ps.setString(11, TextTime.format(a.updated()));
          ps.setString(12, fingerprints.get(Key.of(a)));
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
      }
      ps.executeBatch();
    }
  }

  @Override
  public ImportOutcome importKev(FeedImport feed, Collection<KevEntry> entries) {
    Map<String, KevEntry> byCve = new LinkedHashMap<>();
    for (KevEntry e : entries) {
      byCve.put(e.cveId(), e);
    }
    return inTransaction(
        feed,
        c -> {
          Map<String, KevEntry> old = new HashMap<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT cve_id, vendor_project, product, name, date_added, due_date,"
                          + " known_ransomware FROM kev")) {
            while (rs.next()) {
              old.put(
                  rs.getString(1),
                  new KevEntry(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      TextTime.parseDate(rs.getString(5)),
                      TextTime.parseDate(rs.getString(6)),
                      rs.getBoolean(7)));
            }
          }
          List<KevEntry> write = new ArrayList<>();
          List<String> delete = new ArrayList<>();
          int added = 0;
          int changed = 0;
          for (KevEntry e : byCve.values()) {
            KevEntry o = old.get(e.cveId());
            if (o == null) {
              added++;
              write.add(e);
            } else if (!o.equals(e)) {
              changed++;
              write.add(e);
              delete.add(e.cveId());
            }
          }
          // the catalogue is replaced whole: entries CISA removed go too
          for (String cve : old.keySet()) {
            if (!byCve.containsKey(cve)) {
              delete.add(cve);
            }
          }
          boolean changes = !write.isEmpty() || !delete.isEmpty();
          long dv = currentDataVersion(c) + (changes ? 1 : 0);
          int unchanged = byCve.size() - added - changed;
          Provenance p = insertImport(c, feed, dv, byCve.size(), added, changed, unchanged);
          deleteKeys(c, "kev", delete);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO kev (cve_id, vendor_project, product, name, date_added, due_date,"
                      + " known_ransomware, import_id) VALUES (?,?,?,?,?,?,?,?)")) {
            int n = 0;
            for (KevEntry e : write) {
              ps.setString(1, e.cveId());
              ps.setString(2, e.vendorProject());
              ps.setString(3, e.product());
              ps.setString(4, e.name());
              ps.setString(5, TextTime.format(e.dateAdded()));
              ps.setString(6, TextTime.format(e.dueDate()));
              ps.setBoolean(7, e.knownRansomware());
              ps.setLong(8, p.id());
              ps.addBatch();
              if (++n % BATCH == 0) {
                ps.executeBatch();
              }
            }
            ps.executeBatch();
          }
          return p;
        });
  }

  @Override
  public ImportOutcome importEpss(FeedImport feed, Collection<EpssScore> scores) {
    Map<String, EpssScore> byCve = new LinkedHashMap<>();
    for (EpssScore s : scores) {
      byCve.put(s.cveId(), s);
    }
    return inTransaction(
        feed,
        c -> {
          Map<String, EpssScore> old = new HashMap<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT cve_id, epss, percentile, score_date FROM epss")) {
            while (rs.next()) {
              old.put(
                  rs.getString(1),
                  new EpssScore(
                      rs.getString(1),
                      rs.getDouble(2),
                      rs.getDouble(3),
                      TextTime.parseDate(rs.getString(4))));
            }
          }
          List<EpssScore> write = new ArrayList<>();
          List<String> delete = new ArrayList<>();
          int added = 0;
          int changed = 0;
          for (EpssScore s : byCve.values()) {
            EpssScore o = old.get(s.cveId());
            if (o == null) {
              added++;
              write.add(s);
            } else if (!o.equals(s) && !olderScore(s, o)) {
              changed++;
              write.add(s);
              delete.add(s.cveId());
            }
          }
          boolean changes = !write.isEmpty();
          long dv = currentDataVersion(c) + (changes ? 1 : 0);
          int unchanged = byCve.size() - added - changed;
          Provenance p = insertImport(c, feed, dv, byCve.size(), added, changed, unchanged);
          deleteKeys(c, "epss", delete);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO epss (cve_id, epss, percentile, score_date, import_id)"
                      + " VALUES (?,?,?,?,?)")) {
            int n = 0;
            for (EpssScore s : write) {
              ps.setString(1, s.cveId());
              ps.setDouble(2, s.epss());
              ps.setDouble(3, s.percentile());
              ps.setString(4, TextTime.format(s.scoreDate()));
              ps.setLong(5, p.id());
              ps.addBatch();
              if (++n % BATCH == 0) {
                ps.executeBatch();
              }
            }
            ps.executeBatch();
          }
          return p;
        });
  }

  private static boolean olderScore(EpssScore s, EpssScore stored) {
    return s.scoreDate() != null
        && stored.scoreDate() != null
        && s.scoreDate().isBefore(stored.scoreDate());
  }

  private static void deleteKeys(Connection c, String table, List<String> cves)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE cve_id = ?")) {
      int n = 0;
      for (String cve : cves) {
        ps.setString(1, cve);
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  @FunctionalInterface
  private interface Work {
    Provenance run(Connection c) throws SQLException;
  }

  /**
   * Runs one import in one transaction under the write lock. When the feed's latest import had the
   * same checksum nothing is written. Any failure rolls everything back.
   */
  private ImportOutcome inTransaction(FeedImport feed, Work work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        String lock = dialect.writeLockStatement();
        if (lock != null) {
          try (Statement st = c.createStatement()) {
            st.execute(lock);
          }
        }
        if (latestChecksum(c, feed).filter(feed.checksum()::equals).isPresent()) {
          long dv = currentDataVersion(c);
          c.rollback();
          return new ImportOutcome(feed, null, dv);
        }
        Provenance p = work.run(c);
        c.commit();
        return new ImportOutcome(feed, p, p.dataVersion());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Database.failure("import of " + feed.source() + " failed: " + e.getMessage(), e);
    }
  }

  private static Optional<String> latestChecksum(Connection c, FeedImport feed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT checksum FROM feed_import WHERE kind = ? AND feed_key = ?"
                + " ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, feed.kind().toString());
      ps.setString(2, feed.feedKey());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private Provenance insertImport(
      Connection c,
      FeedImport feed,
      long dataVersion,
      int total,
      int added,
      int changed,
      int unchanged)
      throws SQLException {
    long id = nextId(c, "feed_import", "id");
    Instant now = clock.instant();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO feed_import (id, data_version, kind, feed_key, source, checksum,"
                + " fetched_at, imported_at, total, added, changed, unchanged)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, id);
      ps.setLong(2, dataVersion);
      ps.setString(3, feed.kind().toString());
      ps.setString(4, feed.feedKey());
      ps.setString(5, feed.source());
      ps.setString(6, feed.checksum());
      ps.setString(7, TextTime.format(feed.fetchedAt()));
      ps.setString(8, TextTime.format(now));
      ps.setInt(9, total);
      ps.setInt(10, added);
      ps.setInt(11, changed);
      ps.setInt(12, unchanged);
      ps.executeUpdate();
    }
    return new Provenance(
        id,
        dataVersion,
        feed.kind(),
        feed.feedKey(),
        feed.source(),
        feed.checksum(),
        TextTime.parseInstant(TextTime.format(feed.fetchedAt())),
        TextTime.parseInstant(TextTime.format(now)),
        total,
        added,
        changed,
        unchanged);
  }

  private static long nextId(Connection c, String table, String column) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long currentDataVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(data_version), 0) FROM feed_import")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<List<Long>> chunks(List<Long> all) {
    List<List<Long>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
    }
    return out;
  }

  private static String joinLongs(List<Long> xs) {
    StringBuilder s = new StringBuilder();
    for (Long x : xs) {
      if (!s.isEmpty()) {
        s.append(',');
      }
      s.append(x.longValue());
    }
    return s.toString();
  }

  // ---------------------------------------------------------------------------------- queries

  @Override
  public List<Advisory> findById(String advisoryId) {
    return select("advisory_id = ?", List.of(advisoryId));
  }

  @Override
  public List<Advisory> list(AdvisoryQuery q) {
    StringBuilder where = new StringBuilder("1 = 1");
    List<Object> params = new ArrayList<>();
    if (q.repo() != null) {
      where.append(" AND (repo = ? OR os_release || '/' || repo = ?)");
      params.add(q.repo());
      params.add(q.repo());
    }
    if (q.minSeverity() != null) {
      List<String> names = new ArrayList<>();
      for (Severity s : Severity.values()) {
        if (s != Severity.UNKNOWN && s.atLeast(q.minSeverity())) {
          names.add("'" + s.name() + "'");
        }
      }
      where.append(" AND severity IN (").append(String.join(",", names)).append(")");
    }
    if (q.cve() != null) {
      where.append(" AND pk IN (SELECT advisory_pk FROM advisory_cve WHERE cve_id = ?)");
      params.add(q.cve());
    }
    if (q.since() != null) {
      where.append(" AND COALESCE(updated, issued) >= ?");
      params.add(TextTime.format(q.since()));
    }
    return select(where.toString(), params);
  }

  @Override
  public CveReport cve(String cveId) {
    List<Advisory> advisories = list(new AdvisoryQuery(null, null, cveId, null));
    try (Connection c = dataSource.getConnection()) {
      Optional<KevEntry> kev = Optional.empty();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT vendor_project, product, name, date_added, due_date, known_ransomware"
                  + " FROM kev WHERE cve_id = ?")) {
        ps.setString(1, cveId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            kev =
                Optional.of(
                    new KevEntry(
                        cveId,
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        TextTime.parseDate(rs.getString(4)),
                        TextTime.parseDate(rs.getString(5)),
                        rs.getBoolean(6)));
          }
        }
      }
      Optional<EpssScore> epss = Optional.empty();
      try (PreparedStatement ps =
          c.prepareStatement("SELECT epss, percentile, score_date FROM epss WHERE cve_id = ?")) {
        ps.setString(1, cveId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            epss =
                Optional.of(
                    new EpssScore(
                        cveId,
                        rs.getDouble(1),
                        rs.getDouble(2),
                        TextTime.parseDate(rs.getString(3))));
          }
        }
      }
      return new CveReport(cveId, advisories, kev, epss);
    } catch (SQLException e) {
      throw Database.failure("cannot read " + cveId, e);
    }
  }

  /** Builds the advisories selected by {@code where} (over table advisory), with their rows. */
  private List<Advisory> select(String where, List<Object> params) {
    record Head(
        String release,
        String repo,
        String id,
        String type,
        String severityText,
        String issued,
        String updated,
        String title,
        String description,
        boolean reboot,
        String version,
        String severity) {}
    Map<Long, Head> heads = new LinkedHashMap<>();
    Map<Long, List<String>> cves = new HashMap<>();
    Map<Long, List<FixedPackage>> pkgs = new HashMap<>();
    Map<Long, List<Reference>> refs = new HashMap<>();
    String sub = "SELECT pk FROM advisory WHERE " + where;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT pk, os_release, repo, advisory_id, type, severity_text, issued, updated,"
                  + " title, description, reboot_suggested, version, severity FROM advisory"
                  + " WHERE "
                  + where
                  + " ORDER BY os_release, repo, advisory_id")) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            heads.put(
                rs.getLong(1),
                new Head(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getBoolean(11),
                    rs.getString(12),
                    rs.getString(13)));
          }
        }
      }
      if (heads.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT advisory_pk, cve_id FROM advisory_cve WHERE advisory_pk IN (" + sub + ")")) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            cves.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT advisory_pk, name, epoch, version, pkg_release, arch, filename"
                  + " FROM advisory_package WHERE advisory_pk IN ("
                  + sub
                  + ") ORDER BY advisory_pk, seq")) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long epoch = rs.getLong(3);
            Long e = rs.wasNull() ? null : epoch;
            pkgs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new FixedPackage(
                        rs.getString(2),
                        new Evr(e, rs.getString(4), rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7)));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT advisory_pk, type, ref_id, href, title FROM advisory_reference"
                  + " WHERE advisory_pk IN ("
                  + sub
                  + ") ORDER BY advisory_pk, seq")) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            refs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new Reference(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
          }
        }
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read advisories: " + e.getMessage(), e);
    }
    List<Advisory> out = new ArrayList<>(heads.size());
    for (Map.Entry<Long, Head> e : heads.entrySet()) {
      Head h = e.getValue();
      long pk = e.getKey();
      out.add(
          new Advisory(
              h.id(),
              new AdvisorySource(h.release(), h.repo()),
              AdvisoryType.parse(h.type()),
              Severity.valueOf(h.severity()),
              h.severityText(),
              TextTime.parseInstant(h.issued()),
              TextTime.parseInstant(h.updated()),
              h.title(),
              h.description(),
              cves.getOrDefault(pk, List.of()),
              refs.getOrDefault(pk, List.of()),
              pkgs.getOrDefault(pk, List.of()),
              h.reboot(),
              h.version()));
    }
    return out;
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, Objects.requireNonNull(params.get(i)));
    }
  }

  @Override
  public List<Provenance> imports() {
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

  @Override
  public List<AdvisoryChange> changes(String advisoryId) {
    List<AdvisoryChange> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT import_id, os_release, repo, kind, previous_version, previous_updated,"
                    + " version, updated FROM advisory_change WHERE advisory_id = ?"
                    + " ORDER BY id")) {
      ps.setString(1, advisoryId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AdvisoryChange(
                  rs.getLong(1),
                  advisoryId,
                  new AdvisorySource(rs.getString(2), rs.getString(3)),
                  AdvisoryChange.Kind.valueOf(rs.getString(4)),
                  rs.getString(5),
                  TextTime.parseInstant(rs.getString(6)),
                  rs.getString(7),
                  TextTime.parseInstant(rs.getString(8))));
        }
      }
    } catch (SQLException e) {
      throw Database.failure("cannot read the changes of " + advisoryId, e);
    }
    return out;
  }

  @Override
  public long dataVersion() {
    try (Connection c = dataSource.getConnection()) {
      return currentDataVersion(c);
    } catch (SQLException e) {
      throw Database.failure("cannot read the data version", e);
    }
  }

  @Override
  public StoreCounts counts() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      return new StoreCounts(
          count(st, "SELECT COUNT(*) FROM advisory"),
          count(st, "SELECT COUNT(*) FROM advisory_package"),
          count(st, "SELECT COUNT(DISTINCT cve_id) FROM advisory_cve"),
          count(st, "SELECT COUNT(*) FROM kev"),
          count(st, "SELECT COUNT(*) FROM epss"));
    } catch (SQLException e) {
      throw Database.failure("cannot count", e);
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
