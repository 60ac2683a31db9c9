package io.fleetpatch.lifecycle;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * AL2023 per-package support statements: {@code support_info.xml} as the {@code
 * dnf-plugin-support-info} plugin reads it (reference/livepatch-and-lifecycle.md §4). Maps each
 * package name to the statements that name it, so compliance can flag installed packages past their
 * end of support.
 *
 * <p>The whole-distro statement {@code eol} (12,116 packages, end 2028-03-15 in the 2023-09 data)
 * and every statement with the same end date (kernel, system Python, nginx, Corretto 17: "supported
 * until AL2023 End of Life") follow the distribution's life, which the AL2023 release-cadence page
 * later set to 2029-06-30; they are marked {@link SupportStatement#distributionLifetime()} and the
 * OS lifecycle covers them.
 */
public final class PackageSupport {
  private final Map<String, List<SupportStatement>> byPackage;
  // only the statements that can flag a package (not those following the distribution's life)
  private final Map<String, List<SupportStatement>> flagging;
  private final String currentAs;

  private PackageSupport(Map<String, List<SupportStatement>> byPackage, String currentAs) {
    this.byPackage = byPackage;
    this.currentAs = currentAs;
    Map<String, List<SupportStatement>> f = new HashMap<>();
    byPackage.forEach(
        (name, ss) -> {
          List<SupportStatement> own =
              ss.stream().filter(st -> !st.distributionLifetime()).toList();
          if (!own.isEmpty()) {
            f.put(name, own);
          }
        });
    this.flagging = Map.copyOf(f);
  }

  /** An empty set of statements (no package is flagged). */
  public static final PackageSupport NONE = new PackageSupport(Map.of(), "");

  public static PackageSupport read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    }
  }

  /**
   * @throws ProblemException naming the line when the XML is malformed or a date is not YYYY-MM-DD
   */
  public static PackageSupport parse(InputStream in, String source) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // no DTDs and no external entities: XXE and entity expansion are impossible
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    Map<String, List<String>> packagesOf = new HashMap<>();
    List<SupportStatement> raw = new ArrayList<>();
    String currentAs = "";
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(in);
      String id = null;
      LocalDate start = null;
      LocalDate end = null;
      boolean supported = true;
      String summary = "";
      String link = "";
      List<String> pkgs = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          text.setLength(0);
          switch (r.getLocalName()) {
            case "package_support" -> {
              String c = r.getAttributeValue(null, "current_as");
              currentAs = c == null ? "" : c;
            }
            case "statement" -> {
              id = attr(r, "id", source);
              start = date(r, "start_date", source);
              end = date(r, "end_date", source);
              String marker = attr(r, "marker", source);
              if (!marker.equals("supported") && !marker.equals("unsupported")) {
                throw new ProblemException(
                    Problem.at(
                        source,
                        "line " + r.getLocation().getLineNumber(),
                        "marker must be supported or unsupported, got '" + marker + "'"));
              }
              supported = marker.equals("supported");
              summary = "";
              link = "";
              pkgs = new ArrayList<>();
            }
            case "package" -> {
              if (pkgs != null) {
                pkgs.add(attr(r, "name", source));
              }
            }
            default -> {}
          }
        } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
          text.append(r.getText());
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "summary" -> summary = text.toString().strip();
            case "link" -> link = text.toString().strip();
            case "statement" -> {
              raw.add(new SupportStatement(id, start, end, supported, summary, link, false));
              packagesOf.put(id, pkgs);
              pkgs = null;
            }
            default -> {}
          }
        }
      }
    } catch (XMLStreamException e) {
      var loc = e.getLocation();
      throw new ProblemException(
          Problem.at(
              source,
              loc == null ? "" : "line " + loc.getLineNumber(),
              "bad XML: " + e.getMessage()),
          e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // closing a reader over a stream we close ourselves
        }
      }
    }
    LocalDate distroEnd =
        raw.stream()
            .filter(s -> s.id().equals("eol"))
            .map(SupportStatement::endDate)
            .findFirst()
            .orElse(null);
    Map<String, List<SupportStatement>> byPackage = new HashMap<>();
    for (SupportStatement s : raw) {
      boolean lifetime = distroEnd != null && distroEnd.equals(s.endDate());
      SupportStatement st =
          new SupportStatement(
              s.id(), s.startDate(), s.endDate(), s.supported(), s.summary(), s.link(), lifetime);
      for (String p : packagesOf.getOrDefault(s.id(), List.of())) {
        byPackage.computeIfAbsent(p, k -> new ArrayList<>()).add(st);
      }
    }
    byPackage.replaceAll((k, v) -> List.copyOf(v));
    return new PackageSupport(Map.copyOf(byPackage), currentAs);
  }

  private static String attr(XMLStreamReader r, String name, String source) {
    String v = r.getAttributeValue(null, name);
    if (v == null) {
      throw new ProblemException(
          Problem.at(
              source,
              "line " + r.getLocation().getLineNumber(),
              "<" + r.getLocalName() + "> has no " + name + " attribute"));
    }
    return v;
  }

  private static LocalDate date(XMLStreamReader r, String name, String source) {
    String v = attr(r, name, source);
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Problem.at(
              source,
              "line " + r.getLocation().getLineNumber(),
              name + " must be YYYY-MM-DD, got '" + v + "'"));
    }
  }

  /** The {@code current_as} stamp of the data. */
  public String currentAs() {
    return currentAs;
  }

  /** How many package names the statements name. */
  public int packageCount() {
    return byPackage.size();
  }

  public List<SupportStatement> statementsFor(String packageName) {
    return byPackage.getOrDefault(packageName, List.of());
  }

  /**
   * The installed packages past the end of a support statement on {@code asOf}: a {@code supported}
   * statement whose end date has passed, or an {@code unsupported} one in force; the statements
   * that follow the distribution's life are left to the OS lifecycle. Sorted by name.
   */
  public List<PackageEol> endOfLife(Collection<String> installedNames, LocalDate asOf) {
    List<PackageEol> out = null;
    for (String name : installedNames) {
      List<SupportStatement> ss = flagging.get(name);
      if (ss == null) {
        continue;
      }
      for (SupportStatement s : ss) {
        PackageEol e = null;
        if (s.supported() && asOf.isAfter(s.endDate())) {
          e = new PackageEol(name, s, asOf.toEpochDay() - s.endDate().toEpochDay());
        } else if (!s.supported() && !asOf.isBefore(s.startDate())) {
          e = new PackageEol(name, s, asOf.toEpochDay() - s.startDate().toEpochDay());
        }
        if (e != null) {
          if (out == null) {
            out = new ArrayList<>();
          }
          if (!out.contains(e)) {
            out.add(e);
          }
        }
      }
    }
    if (out == null) {
      return List.of();
    }
    out.sort(
        java.util.Comparator.comparing(PackageEol::name).thenComparing(e -> e.statement().id()));
    return out;
  }

  /**
   * An installed package out of support.
   *
   * @param name the package name
   * @param statement the statement that ended its support
   * @param daysPast days since its support ended
   */
  public record PackageEol(String name, SupportStatement statement, long daysPast) {}
}
