package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.RepoSelection;
import io.fleetpatch.rpm.Evr;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The advisory read path: advisories by id, by query or by repo selection, built from their rows.
 * One query per table, each streamed in advisory order and joined in memory (a scan of the whole
 * Amazon data set reads 5,393 advisories and 115,356 package rows this way).
 */
final class AdvisoryQueries {
  private static final String ALL = "1 = 1";

  private final DataSource dataSource;

  AdvisoryQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<Advisory> findById(String advisoryId) {
    return select("advisory_id = ?", List.of(advisoryId));
  }

  List<Advisory> list(AdvisoryQuery q) {
    StringBuilder where = new StringBuilder(ALL);
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

  List<Advisory> list(RepoSelection sel) {
    List<String> any = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!sel.releases().isEmpty()) {
      any.add(
          "repo IN (SELECT repo FROM advisory WHERE os_release IN ("
              + marks(sel.releases().size())
              + "))");
      params.addAll(new TreeSet<>(sel.releases()));
    }
    if (!sel.repos().isEmpty()) {
      any.add("repo IN (" + marks(sel.repos().size()) + ")");
      params.addAll(new TreeSet<>(sel.repos()));
    }
    for (String prefix : new TreeSet<>(sel.repoPrefixes())) {
      // SQL substr counts characters (code points), on SQLite and PostgreSQL alike
      any.add("substr(repo, 1, " + prefix.codePointCount(0, prefix.length()) + ") = ?");
      params.add(prefix);
    }
    if (!sel.packageNames().isEmpty()) {
      any.add(
          "repo IN (SELECT a.repo FROM advisory a JOIN advisory_package p ON p.advisory_pk = a.pk"
              + " WHERE p.name IN ("
              + marks(sel.packageNames().size())
              + "))");
      params.addAll(new TreeSet<>(sel.packageNames()));
    }
    if (any.isEmpty()) {
      return List.of();
    }
    return select("(" + String.join(" OR ", any) + ")", params);
  }

  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /** An advisory's head row, its child rows gathered as they stream in. */
  private static final class Parts {
    final String release;
    final String repo;
    final String id;
    final String type;
    final String severityText;
    final String issued;
    final String updated;
    final String title;
    final String description;
    final boolean reboot;
    final String version;
    final String severity;
    List<String> cves = List.of();
    List<FixedPackage> packages = List.of();
    List<Reference> references = List.of();

    Parts(ResultSet rs) throws SQLException {
      release = rs.getString(2);
      repo = rs.getString(3);
      id = rs.getString(4);
      type = rs.getString(5);
      severityText = rs.getString(6);
      issued = rs.getString(7);
      updated = rs.getString(8);
      title = rs.getString(9);
      description = rs.getString(10);
      reboot = rs.getBoolean(11);
      version = rs.getString(12);
      severity = rs.getString(13);
    }

    Advisory build() {
      return new Advisory(
          id,
          new AdvisorySource(release, repo),
          AdvisoryType.parse(type),
          Severity.valueOf(severity),
          severityText,
          TextTime.parseInstant(issued),
          TextTime.parseInstant(updated),
          title,
          description,
          cves,
          references,
          packages,
          reboot,
          version);
    }
  }

  /** Builds the advisories selected by {@code where} (over table advisory), with their rows. */
  private List<Advisory> select(String where, List<Object> params) {
    List<Parts> heads = new ArrayList<>();
    Map<Long, Parts> byPk = new HashMap<>();
    // the child rows of the selected advisories; the whole table when everything is selected
    String selected =
        where.equals(ALL)
            ? ""
            : " WHERE advisory_pk IN (SELECT pk FROM advisory WHERE " + where + ")";
    List<Object> childParams = where.equals(ALL) ? List.of() : params;
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
            Parts p = new Parts(rs);
            heads.add(p);
            byPk.put(rs.getLong(1), p);
          }
        }
      }
      if (heads.isEmpty()) {
        return List.of();
      }
      children(
          c,
          "SELECT advisory_pk, cve_id FROM advisory_cve" + selected + " ORDER BY advisory_pk",
          childParams,
          byPk,
          (p, rows) -> p.cves = rows,
          rs -> rs.getString(2));
      Map<String, String> arches = new HashMap<>();
      children(
          c,
          "SELECT advisory_pk, name, epoch, version, pkg_release, arch, filename"
              + " FROM advisory_package"
              + selected
              + " ORDER BY advisory_pk, seq",
          childParams,
          byPk,
          (p, rows) -> p.packages = rows,
          rs -> {
            long epoch = rs.getLong(3);
            Long e = rs.wasNull() ? null : epoch;
            String arch = rs.getString(6);
            return new FixedPackage(
                rs.getString(2),
                new Evr(e, rs.getString(4), rs.getString(5)),
                arch == null ? null : arches.computeIfAbsent(arch, a -> a),
                rs.getString(7));
          });
      children(
          c,
          "SELECT advisory_pk, type, ref_id, href, title FROM advisory_reference"
              + selected
              + " ORDER BY advisory_pk, seq",
          childParams,
          byPk,
          (p, rows) -> p.references = rows,
          rs -> new Reference(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    } catch (SQLException e) {
      throw Database.failure("cannot read advisories: " + e.getMessage(), e);
    }
    List<Advisory> out = new ArrayList<>(heads.size());
    for (Parts p : heads) {
      out.add(p.build());
    }
    return out;
  }

  /**
   * Streams the rows of {@code sql} (first column: the advisory's pk; sorted by it) and hands each
   * advisory's rows to {@code into} in one list.
   */
  private static <T> void children(
      Connection c,
      String sql,
      List<Object> params,
      Map<Long, Parts> byPk,
      java.util.function.BiConsumer<Parts, List<T>> into,
      SqlRows.Mapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        long pk = 0;
        Parts owner = null;
        List<T> rows = null;
        while (rs.next()) {
          long next = rs.getLong(1);
          if (rows == null || next != pk) {
            if (owner != null) {
              into.accept(owner, rows);
            }
            pk = next;
            owner = byPk.get(next);
            rows = new ArrayList<>();
          }
          rows.add(mapper.map(rs));
        }
        if (owner != null) {
          into.accept(owner, rows);
        }
      }
    }
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, Objects.requireNonNull(params.get(i)));
    }
  }
}
