package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.rpm.Evr;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** The advisory read path: advisories by id or by query, built from their rows. */
final class AdvisoryQueries {
  private final DataSource dataSource;

  AdvisoryQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<Advisory> findById(String advisoryId) {
    return select("advisory_id = ?", List.of(advisoryId));
  }

  List<Advisory> list(AdvisoryQuery q) {
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
    Map<Long, List<String>> cves;
    Map<Long, List<FixedPackage>> pkgs;
    Map<Long, List<Reference>> refs;
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
      cves =
          children(
              c,
              "SELECT advisory_pk, cve_id FROM advisory_cve WHERE advisory_pk IN (" + sub + ")",
              params,
              rs -> rs.getString(2));
      pkgs =
          children(
              c,
              "SELECT advisory_pk, name, epoch, version, pkg_release, arch, filename"
                  + " FROM advisory_package WHERE advisory_pk IN ("
                  + sub
                  + ") ORDER BY advisory_pk, seq",
              params,
              rs -> {
                long epoch = rs.getLong(3);
                Long e = rs.wasNull() ? null : epoch;
                return new FixedPackage(
                    rs.getString(2),
                    new Evr(e, rs.getString(4), rs.getString(5)),
                    rs.getString(6),
                    rs.getString(7));
              });
      refs =
          children(
              c,
              "SELECT advisory_pk, type, ref_id, href, title FROM advisory_reference"
                  + " WHERE advisory_pk IN ("
                  + sub
                  + ") ORDER BY advisory_pk, seq",
              params,
              rs ->
                  new Reference(
                      rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
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

  /** The rows of {@code sql}, whose first column is the advisory's pk, grouped by that pk. */
  private static <T> Map<Long, List<T>> children(
      Connection c, String sql, List<Object> params, SqlRows.Mapper<T> mapper) throws SQLException {
    Map<Long, List<T>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(mapper.map(rs));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, Objects.requireNonNull(params.get(i)));
    }
  }
}
