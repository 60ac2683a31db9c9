package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The advisory import path: decides which advisories of a feed are added, replaced or unchanged,
 * and writes them, their packages, CVEs and references and their change history.
 */
final class AdvisoryImport {
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

  /** One import's decisions: what is new, what replaces a stored row, and the fingerprints. */
  private record Plan(
      List<Advisory> added,
      List<Advisory> replaced,
      Map<Key, Stored> stored,
      Map<Key, String> fingerprints) {
    Stored old(Advisory a) {
      return stored.get(Key.of(a));
    }

    String fingerprint(Advisory a) {
      return fingerprints.get(Key.of(a));
    }
  }

  private final FeedImportTransaction transaction;

  AdvisoryImport(FeedImportTransaction transaction) {
    this.transaction = transaction;
  }

  ImportOutcome run(FeedImport feed, Collection<Advisory> advisories) {
    // one row per (source, id): a feed that repeats an advisory keeps its last publication
    Map<Key, Advisory> byKey = new LinkedHashMap<>();
    for (Advisory a : advisories) {
      byKey.put(Key.of(a), a);
    }
    // ALAS RSS bulletins announce advisories before updateinfo lists their packages: they only
    // add what the store lacks, and any other feed replaces them
    boolean addOnly = feed.kind() == FeedKind.RSS;
    return transaction.run(
        feed,
        c -> {
          Map<Key, Stored> stored = loadStored(c, byKey.keySet());
          List<Advisory> added = new ArrayList<>();
          List<Advisory> replaced = new ArrayList<>();
          Map<Key, String> fingerprints = new HashMap<>();
          for (Map.Entry<Key, Advisory> e : byKey.entrySet()) {
            Advisory a = e.getValue();
            String fp = AdvisoryFingerprint.of(a);
            fingerprints.put(e.getKey(), fp);
            Stored old = stored.get(e.getKey());
            if (old == null) {
              added.add(a);
            } else if (!(old.fingerprint().equals(fp)
                || addOnly
                || (!old.fromRss() && olderThanStored(a, old)))) {
              replaced.add(a);
            }
          }
          boolean changes = !added.isEmpty() || !replaced.isEmpty();
          Provenance p =
              transaction.record(c, feed, changes, byKey.size(), added.size(), replaced.size());
          write(c, p.id(), new Plan(added, replaced, stored, fingerprints));
          return p;
        });
  }

  /** An advisory whose {@code updated} is before the stored one's is an old publication. */
  private static boolean olderThanStored(Advisory a, Stored old) {
    String updated = TextTime.format(a.updated());
    return updated != null && old.updated() != null && updated.compareTo(old.updated()) < 0;
  }

  private static Map<Key, Stored> loadStored(Connection c, Set<Key> keys) throws SQLException {
    record Source(String release, String repo) {}
    Set<Source> sources = new LinkedHashSet<>();
    for (Key k : keys) {
      sources.add(new Source(k.release(), k.repo()));
    }
    Map<Key, Stored> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.pk, a.advisory_id, a.fingerprint, a.version, a.updated, f.kind"
                + " FROM advisory a JOIN feed_import f ON f.id = a.import_id"
                + " WHERE a.os_release = ? AND a.repo = ?")) {
      for (Source s : sources) {
        ps.setString(1, s.release());
        ps.setString(2, s.repo());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(
                new Key(s.release(), s.repo(), rs.getString(2)),
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

  private static void write(Connection c, long importId, Plan plan) throws SQLException {
    Map<Long, Advisory> rows = new LinkedHashMap<>();
    // replaced advisories keep their key: update the row, rewrite its children
    if (!plan.replaced().isEmpty()) {
      try (PreparedStatement upd =
              c.prepareStatement(
                  "UPDATE advisory SET type = ?, severity = ?, severity_text = ?, issued = ?,"
                      + " updated = ?, title = ?, description = ?, reboot_suggested = ?,"
                      + " version = ?, fingerprint = ?, import_id = ? WHERE pk = ?");
          Statement del = c.createStatement()) {
        for (Advisory a : plan.replaced()) {
          long pk = plan.old(a).pk();
          bindAdvisoryColumns(upd, a, plan.fingerprint(a), importId);
          upd.setLong(12, pk);
          upd.addBatch();
          rows.put(pk, a);
        }
        upd.executeBatch();
        for (String t : List.of("advisory_package", "advisory_cve", "advisory_reference")) {
          for (List<Long> chunk : SqlBatch.chunks(new ArrayList<>(rows.keySet()))) {
            String pks = chunk.stream().map(String::valueOf).collect(Collectors.joining(","));
            del.executeUpdate("DELETE FROM " + t + " WHERE advisory_pk IN (" + pks + ")");
          }
        }
      }
    }
    long pk = SqlRows.nextId(c, "advisory", "pk");
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO advisory (type, severity, severity_text, issued, updated, title,"
                + " description, reboot_suggested, version, fingerprint, import_id, pk,"
                + " os_release, repo, advisory_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      SqlBatch batch = new SqlBatch(ins);
      for (Advisory a : plan.added()) {
        bindAdvisoryColumns(ins, a, plan.fingerprint(a), importId);
        ins.setLong(12, pk);
        ins.setString(13, a.source().release());
        ins.setString(14, a.source().repo());
        ins.setString(15, a.id());
        batch.add();
        rows.put(pk++, a);
      }
      batch.finish();
    }
    insertChildren(c, rows);
    insertChanges(c, importId, plan);
  }

  /** Binds the advisory's own columns to parameters 1 to 11. */
  private static void bindAdvisoryColumns(
      PreparedStatement ps, Advisory a, String fingerprint, long importId) throws SQLException {
    ps.setString(1, a.type().toString());
    ps.setString(2, a.severity().name());
    ps.setString(3, a.severityText());
    ps.setString(4, TextTime.format(a.issued()));
    ps.setString(5, TextTime.format(a.updated()));
    ps.setString(6, a.title());
    ps.setString(7, a.description());
    ps.setBoolean(8, a.rebootSuggested());
    ps.setString(9, a.version());
    ps.setString(10, fingerprint);
    ps.setLong(11, importId);
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
      SqlBatch pkgs = new SqlBatch(pkg);
      SqlBatch cves = new SqlBatch(cve);
      SqlBatch refs = new SqlBatch(ref);
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
          pkgs.add();
        }
        for (String id : a.cves()) {
          cve.setLong(1, pk);
          cve.setString(2, id);
          cves.add();
        }
        seq = 0;
        for (Reference r : a.references()) {
          ref.setLong(1, pk);
          ref.setInt(2, seq++);
          ref.setString(3, r.type());
          ref.setString(4, r.id());
          ref.setString(5, r.href());
          ref.setString(6, r.title());
          refs.add();
        }
      }
      pkgs.finish();
      cves.finish();
      refs.finish();
    }
  }

  private static void insertChanges(Connection c, long importId, Plan plan) throws SQLException {
    long id = SqlRows.nextId(c, "advisory_change", "id");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO advisory_change (id, import_id, os_release, repo, advisory_id, kind,"
                + " previous_version, previous_updated, previous_fingerprint, version, updated,"
                + " fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      SqlBatch batch = new SqlBatch(ps);
      for (List<Advisory> list : List.of(plan.added(), plan.replaced())) {
        for (Advisory a : list) {
          Stored old = plan.old(a);
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
          ps.setString(12, plan.fingerprint(a));
          batch.add();
        }
      }
      batch.finish();
    }
  }
}
