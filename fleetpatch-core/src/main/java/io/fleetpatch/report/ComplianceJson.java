package io.fleetpatch.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpatch.compliance.ComplianceItem;
import io.fleetpatch.compliance.ComplianceState;
import io.fleetpatch.compliance.FleetCompliance;
import io.fleetpatch.compliance.FleetSummary;
import io.fleetpatch.compliance.HostCompliance;
import io.fleetpatch.compliance.Rollup;
import io.fleetpatch.lifecycle.PackageSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code fleetpatch.compliance/v1} document (DESIGN.md §7; docs/compliance-v1.md) one
 * host at a time, so a fleet of any size streams: the header, then {@link #host} per host, then
 * {@link #close} with the roll-ups.
 */
public final class ComplianceJson implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator g;
  private FleetSummary fleet;

  /**
   * Starts the document.
   *
   * @param baseline the baseline name(s) the run uses
   */
  public ComplianceJson(Writer out, LocalDate asOf, String baseline, String dataVersion) {
    try {
      g = FACTORY.createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", FleetCompliance.SCHEMA);
      g.writeStringField("asOf", asOf.toString());
      g.writeStringField("baseline", baseline);
      g.writeStringField("dataVersion", dataVersion);
      g.writeArrayFieldStart("hosts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a whole document. */
  public static void write(Writer out, FleetCompliance fc) {
    try (ComplianceJson j = new ComplianceJson(out, fc.asOf(), fc.baseline(), fc.dataVersion())) {
      fc.hosts().forEach(j::host);
      j.summary(fc.fleet());
    }
  }

  /** The roll-ups to write when closing. */
  public void summary(FleetSummary s) {
    this.fleet = s;
  }

  public void host(HostCompliance h) {
    try {
      g.writeStartObject();
      g.writeStringField("host", h.hostId());
      if (h.host().hostname() != null) {
        g.writeStringField("hostname", h.host().hostname());
      }
      g.writeStringField("os", h.os().prettyName());
      g.writeStringField("patchGroup", h.patchGroup());
      g.writeStringField("baseline", h.baseline());
      g.writeBooleanField("compliant", h.compliant());
      g.writeStringField("nodeLevel", h.nodeLevel() == null ? null : h.nodeLevel().name());
      g.writeObjectFieldStart("counts");
      for (Map.Entry<ComplianceState, Integer> e : h.counts().entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("items");
      for (ComplianceItem i : h.items()) {
        item(i);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("lifecycle");
      if (h.osSupport() != null) {
        g.writeStringField("os", h.osSupport().name());
        g.writeStringField("endOfLife", h.osSupport().endOfLife().toString());
        g.writeBooleanField("osEndOfLife", h.osEndOfLife());
        g.writeNumberField("osDaysPastEndOfLife", h.osDaysPastEol());
        g.writeStringField("source", h.osSupport().source());
      } else {
        g.writeNullField("os");
      }
      g.writeArrayFieldStart("packagesPastEndOfSupport");
      for (PackageSupport.PackageEol p : h.packageEol()) {
        g.writeStartObject();
        g.writeStringField("package", p.name());
        g.writeStringField("statement", p.statement().id());
        g.writeStringField("endDate", p.statement().endDate().toString());
        g.writeNumberField("daysPast", p.daysPast());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      if (h.migration() != null) {
        g.writeObjectFieldStart("al2023Migration");
        g.writeStringField("al2023Release", h.migration().al2023Release());
        g.writeNumberField("available", h.migration().available().size());
        g.writeArrayFieldStart("notInAl2023");
        for (String m : h.migration().missing()) {
          g.writeString(m);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void item(ComplianceItem i) throws IOException {
    g.writeStartObject();
    g.writeStringField("advisory", i.advisory().id());
    g.writeStringField("repo", i.advisory().source().repo());
    g.writeStringField("type", i.advisory().type().toString());
    g.writeStringField("state", i.state().name());
    g.writeStringField("detected", i.detected().name());
    g.writeStringField("severity", i.severity().label());
    g.writeStringField(
        "issued",
        i.advisory().issued() == null
            ? null
            : i.advisory().issued().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
    g.writeStringField("complianceLevel", i.complianceLevel().name());
    g.writeStringField("approvedOn", i.approvedOn() == null ? null : i.approvedOn().toString());
    g.writeStringField("approvedBy", i.approvedBy());
    g.writeStringField(
        "deadline", i.deadline().due() == null ? null : i.deadline().due().toString());
    if (i.deadline().due() != null) {
      g.writeNumberField("overdueDays", i.overdueDays());
    } else {
      g.writeNullField("overdueDays");
    }
    // where the deadline's clock started, and which clock that was (--sla-clock)
    g.writeStringField(
        "clockStart", i.deadline().start() == null ? null : i.deadline().start().toString());
    g.writeStringField("clock", i.deadline().clock() == null ? null : i.deadline().clock().label());
    g.writeBooleanField("kev", i.deadline().kev());
    g.writeStringField("exception", i.exception());
    g.writeArrayFieldStart("cves");
    for (String c : i.advisory().cves()) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void rollups(String name, List<Rollup> rs) throws IOException {
    g.writeArrayFieldStart(name);
    for (Rollup r : rs) {
      g.writeStartObject();
      g.writeStringField("key", r.key());
      g.writeNumberField("hosts", r.hosts());
      g.writeNumberField("compliant", r.compliant());
      g.writeNumberField("nonCompliant", r.nonCompliant());
      g.writeNumberField("overdue", r.overdue());
      g.writeObjectFieldStart("items");
      for (Map.Entry<ComplianceState, Long> e : r.items().entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Ends {@code hosts} and writes {@code fleet} from {@link #summary}. */
  @Override
  public void close() {
    try {
      g.writeEndArray();
      if (fleet != null) {
        g.writeObjectFieldStart("fleet");
        g.writeNumberField("hosts", fleet.hosts());
        g.writeNumberField("compliant", fleet.compliant());
        g.writeNumberField("nonCompliant", fleet.nonCompliant());
        g.writeNumberField("osEndOfLife", fleet.endOfLife());
        g.writeNumberField("packageEndOfSupport", fleet.packageEol());
        g.writeNumberField("overdue", fleet.overdue());
        g.writeNumberField("waived", fleet.waived());
        g.writeObjectFieldStart("byState");
        for (ComplianceState s : ComplianceState.values()) {
          g.writeNumberField(s.name(), fleet.byState().getOrDefault(s, 0L));
        }
        g.writeEndObject();
        rollups("byGroup", fleet.byGroup());
        rollups("byOs", fleet.byOs());
        rollups("bySeverity", fleet.bySeverity());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
