package io.fleetpatch.cli.output;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.CveReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How advisories and CVE reports look in JSON (stable field names) and in tables. */
public final class AdvisoryViews {
  private AdvisoryViews() {}

  /** The date part (UTC) of a time, or null. */
  public static String date(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** {@code [epoch:]version-release}, the fixed EVR as rpm writes it. */
  public static String evr(FixedPackage p) {
    return p.fixed().toString();
  }

  /** The listing table: one row per advisory. */
  public static Table listTable(List<Advisory> advisories) {
    Table t =
        new Table("id", "source", "type", "severity", "issued", "updated", "packages", "cves");
    for (Advisory a : advisories) {
      t.add(
          a.id(),
          a.source().toString(),
          a.type().toString(),
          a.severity().label(),
          date(a.issued()),
          date(a.updated()),
          a.packages().size(),
          a.cves());
    }
    return t;
  }

  /** The package rows of advisories: one row per fixed package. */
  public static Table packageTable(List<Advisory> advisories) {
    Table t = new Table("advisory", "source", "name", "evr", "arch", "filename");
    for (Advisory a : advisories) {
      for (FixedPackage p : a.packages()) {
        t.add(a.id(), a.source().toString(), p.name(), evr(p), p.arch(), p.filename());
      }
    }
    return t;
  }

  /** The full JSON object of one advisory. */
  public static Map<String, Object> json(Advisory a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("source", a.source().toString());
    m.put("release", a.source().release());
    m.put("repo", a.source().repo());
    m.put("type", a.type().toString());
    m.put("severity", a.severity().label());
    m.put("severityText", a.severityText());
    m.put("issued", a.issued());
    m.put("updated", a.updated());
    m.put("version", a.version());
    m.put("title", a.title());
    m.put("description", a.description());
    m.put("rebootSuggested", a.rebootSuggested());
    m.put("cves", a.cves());
    List<Map<String, Object>> refs = new ArrayList<>();
    for (Reference r : a.references()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("type", r.type());
      rm.put("id", r.id());
      rm.put("href", r.href());
      rm.put("title", r.title());
      refs.add(rm);
    }
    m.put("references", refs);
    List<Map<String, Object>> pkgs = new ArrayList<>();
    for (FixedPackage p : a.packages()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      pm.put("epoch", p.fixed().epoch());
      pm.put("version", p.fixed().version());
      pm.put("release", p.fixed().release());
      pm.put("arch", p.arch());
      pm.put("filename", p.filename());
      pkgs.add(pm);
    }
    m.put("packages", pkgs);
    return m;
  }

  public static Map<String, Object> json(KevEntry k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendorProject", k.vendorProject());
    m.put("product", k.product());
    m.put("name", k.name());
    m.put("dateAdded", k.dateAdded());
    m.put("dueDate", k.dueDate());
    m.put("knownRansomware", k.knownRansomware());
    return m;
  }

  public static Map<String, Object> json(EpssScore e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epss", e.epss());
    m.put("percentile", e.percentile());
    m.put("scoreDate", e.scoreDate());
    return m;
  }

  public static Map<String, Object> json(CveReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cve", r.cveId());
    m.put("kev", r.kev().map(AdvisoryViews::json).orElse(null));
    m.put("epss", r.epss().map(AdvisoryViews::json).orElse(null));
    List<Map<String, Object>> advisories = new ArrayList<>();
    for (Advisory a : r.advisories()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("id", a.id());
      am.put("source", a.source().toString());
      am.put("severity", a.severity().label());
      am.put("type", a.type().toString());
      am.put("issued", a.issued());
      am.put("updated", a.updated());
      am.put("packages", json(a).get("packages"));
      advisories.add(am);
    }
    m.put("advisories", advisories);
    return m;
  }
}
