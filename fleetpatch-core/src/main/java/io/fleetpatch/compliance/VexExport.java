package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * Exceptions as a CycloneDX 1.6 VEX document, written with cyclonedx-core-java. One vulnerability
 * per (exception, CVE): {@code analysis.state}, {@code justification} and {@code response} from the
 * exception's {@link VexStatement}, {@code analysis.detail} the justification and approver, {@code
 * affects} the hosts it waived (components of type {@code device}, bom-ref {@code host:<id>}).
 * CycloneDX analysis has no expiry field (reference/inspector-and-vex.md §2), so the expiry and
 * approver go into properties {@code fleetpatch:exception:expires}, {@code …:approver}, {@code
 * …:id}, {@code …:scope}.
 */
public final class VexExport {
  private VexExport() {}

  /**
   * The VEX of a compliance run: every waived item, grouped by exception and CVE, with the hosts it
   * was waived on. An advisory without CVEs is stated under its advisory id.
   */
  public static Bom of(FleetCompliance run, List<Waiver> waivers) {
    Map<String, Waiver> byId = new LinkedHashMap<>();
    waivers.forEach(w -> byId.put(w.id(), w));
    // (exception id, vulnerability id) -> hosts, advisories
    Map<List<String>, TreeSet<String>> hosts = new TreeMap<>(VexExport::compareKeys);
    Map<List<String>, TreeSet<String>> advisories = new TreeMap<>(VexExport::compareKeys);
    for (HostCompliance h : run.hosts()) {
      for (ComplianceItem i : h.items()) {
        if (i.exception() == null) {
          continue;
        }
        for (String exId : i.exception().split("\\+")) {
          Waiver w = byId.get(exId);
          if (w == null) {
            continue;
          }
          for (String vuln : vulnerabilityIds(w, i.advisory())) {
            List<String> key = List.of(exId, vuln);
            hosts.computeIfAbsent(key, k -> new TreeSet<>()).add(h.hostId());
            advisories.computeIfAbsent(key, k -> new TreeSet<>()).add(i.advisory().id());
          }
        }
      }
    }
    Bom bom = newBom(run.asOf());
    TreeSet<String> allHosts = new TreeSet<>();
    hosts.values().forEach(allHosts::addAll);
    for (String h : allHosts) {
      Component c = new Component();
      c.setType(Component.Type.DEVICE);
      c.setName(h);
      c.setBomRef("host:" + h);
      bom.addComponent(c);
    }
    List<Vulnerability> vulns = new ArrayList<>();
    hosts.forEach(
        (key, hs) -> {
          Vulnerability v = vulnerability(byId.get(key.get(0)), key.get(1), run.asOf());
          for (String h : hs) {
            Vulnerability.Affect a = new Vulnerability.Affect();
            a.setRef("host:" + h);
            v.getAffects().add(a);
          }
          v.getProperties()
              .add(new Property("fleetpatch:advisories", String.join(",", advisories.get(key))));
          vulns.add(v);
        });
    bom.setVulnerabilities(vulns);
    return bom;
  }

  /**
   * The VEX of the exceptions alone, without a compliance run: each waiver active on {@code asOf}
   * that names a CVE or an advisory, with the host it targets (a group goes into a property).
   */
  public static Bom of(List<Waiver> waivers, LocalDate asOf) {
    Bom bom = newBom(asOf);
    List<Vulnerability> vulns = new ArrayList<>();
    TreeSet<String> hostRefs = new TreeSet<>();
    for (Waiver w : waivers) {
      if (!w.activeOn(asOf)) {
        continue;
      }
      String id =
          switch (w.subject()) {
            case Waiver.Cve c -> c.id();
            case Waiver.AdvisoryId a -> a.id();
            case Waiver.Everything e -> null;
          };
      if (id == null) {
        continue;
      }
      Vulnerability v = vulnerability(w, id, asOf);
      if (w.target() instanceof Waiver.HostId h) {
        Vulnerability.Affect a = new Vulnerability.Affect();
        a.setRef("host:" + h.id());
        v.getAffects().add(a);
        hostRefs.add(h.id());
      } else if (w.target() instanceof Waiver.Group g) {
        v.getProperties().add(new Property("fleetpatch:exception:group", g.name()));
      }
      vulns.add(v);
    }
    for (String h : hostRefs) {
      Component c = new Component();
      c.setType(Component.Type.DEVICE);
      c.setName(h);
      c.setBomRef("host:" + h);
      bom.addComponent(c);
    }
    bom.setVulnerabilities(vulns);
    return bom;
  }

  /** The document as CycloneDX 1.6 JSON. */
  public static String toJson(Bom bom) {
    try {
      return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString() + "\n";
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generator failed", e);
    }
  }

  private static Bom newBom(LocalDate asOf) {
    Bom bom = new Bom();
    bom.setSerialNumber(
        "urn:uuid:"
            + UUID.nameUUIDFromBytes(
                ("fleetpatch-vex-" + asOf).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Metadata m = new Metadata();
    m.setTimestamp(date(asOf));
    m.addProperty(new Property("fleetpatch:asOf", asOf.toString()));
    bom.setMetadata(m);
    bom.setComponents(new ArrayList<>());
    return bom;
  }

  private static List<String> vulnerabilityIds(Waiver w, Advisory a) {
    if (a.cves().isEmpty()) {
      return List.of(a.id());
    }
    return new ArrayList<>(new TreeSet<>(w.cvesCovered(a)));
  }

  private static Vulnerability vulnerability(Waiver w, String id, LocalDate asOf) {
    Vulnerability v = new Vulnerability();
    v.setId(id);
    v.setBomRef("vex:" + w.id() + ":" + id);
    Vulnerability.Source src = new Vulnerability.Source();
    src.setName(id.startsWith("CVE-") ? "NVD" : id.replaceFirst("-.*", ""));
    if (id.startsWith("CVE-")) {
      src.setUrl("https://nvd.nist.gov/vuln/detail/" + id);
    }
    v.setSource(src);
    Vulnerability.Analysis an = new Vulnerability.Analysis();
    an.setState(Vulnerability.Analysis.State.fromString(w.vex().state()));
    if (w.vex().justification() != null) {
      an.setJustification(Vulnerability.Analysis.Justification.fromString(w.vex().justification()));
    }
    List<Vulnerability.Analysis.Response> responses = new ArrayList<>();
    for (String r : w.vex().responses()) {
      responses.add(Vulnerability.Analysis.Response.fromString(r.toLowerCase(Locale.ROOT)));
    }
    if (!responses.isEmpty()) {
      an.setResponses(responses);
    }
    an.setDetail(
        w.justification()
            + " (exception "
            + w.id()
            + ", approved by "
            + w.approver()
            + ", expires "
            + w.expires()
            + ")");
    an.setFirstIssued(date(w.created()));
    an.setLastUpdated(date(asOf));
    v.setAnalysis(an);
    v.setAffects(new ArrayList<>());
    List<Property> props = new ArrayList<>();
    props.add(new Property("fleetpatch:exception:id", w.id()));
    props.add(new Property("fleetpatch:exception:scope", w.scope()));
    props.add(new Property("fleetpatch:exception:approver", w.approver()));
    props.add(new Property("fleetpatch:exception:expires", w.expires().toString()));
    v.setProperties(props);
    return v;
  }

  private static Date date(LocalDate d) {
    return Date.from(d.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  private static int compareKeys(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }
}
