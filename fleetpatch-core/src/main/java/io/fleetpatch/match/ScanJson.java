package io.fleetpatch.match;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code fleetpatch.scan/v1} JSON document (DESIGN.md §7; field by field in
 * docs/scan-v1.md), streaming one host at a time so that a fleet's output never has to be held in
 * memory as a tree.
 */
public final class ScanJson implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator g;
  private final Set<FindingState> states;
  private final CveEnrichment enrichment;

  /**
   * Starts the document.
   *
   * @param states which finding states to write (the summary counts all)
   */
  public ScanJson(
      Writer out, String dataVersion, Set<FindingState> states, CveEnrichment enrichment)
      throws IOException {
    this.g = FACTORY.createGenerator(out);
    this.g.useDefaultPrettyPrinter();
    this.states = Set.copyOf(states);
    this.enrichment = enrichment;
    g.writeStartObject();
    g.writeStringField("schema", ScanResult.SCHEMA);
    g.writeStringField("dataVersion", dataVersion);
    g.writeArrayFieldStart("hosts");
  }

  public void host(HostFindings h) throws IOException {
    g.writeStartObject();
    g.writeStringField("host", h.hostId());
    g.writeStringField("os", h.os().prettyName());
    g.writeStringField("kernel", h.kernel());
    g.writeObjectFieldStart("scope");
    g.writeStringField("basis", h.scope().basis().name());
    g.writeArrayFieldStart("repos");
    for (String r : h.scope().repos().stream().sorted().toList()) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reasons");
    for (String r : h.scope().reasons()) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeEndObject();
    Map<FindingState, Integer> counts = new EnumMap<>(FindingState.class);
    for (FindingState s : FindingState.values()) {
      counts.put(s, 0);
    }
    g.writeArrayFieldStart("findings");
    for (Finding f : h.findings()) {
      counts.merge(f.state(), 1, Integer::sum);
      if (states.contains(f.state())) {
        finding(f);
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("cves");
    for (CveFinding c : CveView.of(h, enrichment)) {
      if (!states.contains(c.state())) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("cve", c.cve());
      g.writeStringField("state", c.state().name());
      g.writeStringField("severity", c.severity().label());
      strings("advisories", c.advisories());
      if (c.facts().kev()) {
        g.writeBooleanField("kev", true);
        if (c.facts().kevDateAdded() != null) {
          g.writeStringField("kevDateAdded", c.facts().kevDateAdded().toString());
        }
      }
      if (c.facts().epss() != null) {
        g.writeNumberField("epss", c.facts().epss());
      }
      if (c.facts().epssPercentile() != null) {
        g.writeNumberField("epssPercentile", c.facts().epssPercentile());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("summary");
    for (var e : counts.entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void finding(Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("advisory", f.advisoryId());
    g.writeStringField("release", f.source().release());
    g.writeStringField("repo", f.repo());
    g.writeStringField("type", f.type().toString());
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("severityText", f.advisory().severityText());
    g.writeStringField("state", f.state().name());
    strings("cves", f.cves());
    if (!f.mitigatedCves().isEmpty()) {
      strings("mitigatedCves", f.mitigatedCves());
    }
    g.writeArrayFieldStart("packages");
    for (PackageEvidence p : f.packages()) {
      g.writeStartObject();
      g.writeStringField("name", p.name());
      g.writeStringField("arch", p.arch());
      g.writeStringField("installed", p.compared() == null ? null : evr(p.compared().evr()));
      g.writeStringField("fixed", evr(p.fixed().evr()));
      g.writeStringField("state", p.state().name());
      g.writeStringField("rule", p.rule().name());
      g.writeArrayFieldStart("installedBuilds");
      for (Nevra n : p.installed()) {
        g.writeString(n.toFullString());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("evidence", f.rule());
    g.writeEndObject();
  }

  private void strings(String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** {@code E:V-R} with the epoch always written, as DESIGN.md §7 spells it. */
  static String evr(Evr e) {
    return e.toFullString();
  }

  /** Ends the document. */
  @Override
  public void close() throws IOException {
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
  }
}
