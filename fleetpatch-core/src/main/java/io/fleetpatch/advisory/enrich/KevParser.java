package io.fleetpatch.advisory.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetpatch.advisory.Warnings;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.InputProblemException;
import io.fleetpatch.xml.SafeInput;
import io.fleetpatch.xml.XmlLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads CISA's Known Exploited Vulnerabilities catalogue, JSON ({@code
 * known_exploited_vulnerabilities.json}, schema known_exploited_vulnerabilities_schema.json) or CSV
 * (same fields as columns, any order, by header name), any compression. The JSON is streamed, so
 * the catalogue's size does not matter.
 *
 * <p>Entries whose cveID is not a CVE id or whose dates cannot be read are warnings with their
 * place (the entry is skipped, or the date left null); malformed JSON or CSV is fatal.
 */
public final class KevParser {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  /** No tag budget for JSON or CSV: the '<' distance guard is XML's (see XmlLimits). */
  static final XmlLimits LIMITS = XmlLimits.DEFAULT.withMaxTokenBytes(Integer.MAX_VALUE);

  public KevCatalog read(Path file) {
    try (SafeInput in = SafeInput.open(file, LIMITS)) {
      BufferedInputStream b = new BufferedInputStream(in);
      b.mark(64);
      int first;
      do {
        first = b.read();
      } while (first == ' '
          || first == '\n'
          || first == '\r'
          || first == '\t'
          || first == 0xef
          || first == 0xbb
          || first == 0xbf);
      b.reset();
      return first == '{' ? json(b, file.toString()) : csv(b, file.toString());
    } catch (InputProblemException e) {
      throw new ProblemException(e.problem(), e);
    } catch (IOException e) {
      throw new ProblemException(Problem.of(file.toString(), "cannot read: " + e.getMessage()), e);
    }
  }

  private static KevCatalog json(InputStream in, String source) throws IOException {
    Warnings warnings = new Warnings(source);
    List<KevEntry> entries = new ArrayList<>();
    String version = "";
    try (JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail(p, source, "a KEV catalogue is a JSON object");
      }
      boolean sawList = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("catalogVersion") && v == JsonToken.VALUE_STRING) {
          version = p.getText();
        } else if (field.equals("vulnerabilities") && v == JsonToken.START_ARRAY) {
          sawList = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String where = "line " + p.currentLocation().getLineNr();
            Map<String, String> m = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              JsonToken t = p.nextToken();
              if (t.isScalarValue()) {
                m.put(k, p.getValueAsString());
              } else {
                p.skipChildren();
              }
            }
            KevEntry e = entry(m, source, where, warnings);
            if (e != null) {
              entries.add(e);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawList) {
        throw new ProblemException(
            Problem.of(source, "no \"vulnerabilities\" array: not a KEV catalogue"));
      }
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          Problem.at(
              source,
              "line " + e.getLocation().getLineNr(),
              "not well-formed JSON: " + e.getOriginalMessage()),
          e);
    }
    return new KevCatalog(version, entries, warnings.list());
  }

  private static KevCatalog csv(InputStream in, String source) throws IOException {
    Warnings warnings = new Warnings(source);
    CsvReader csv = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8), source);
    List<String> header = csv.next();
    if (header != null && !header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    if (header == null || !header.contains("cveID")) {
      throw new ProblemException(
          Problem.at(source, "line 1", "no cveID column: not a KEV catalogue CSV"));
    }
    List<KevEntry> entries = new ArrayList<>();
    for (List<String> row; (row = csv.next()) != null; ) {
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue;
      }
      String where = "line " + csv.line();
      if (row.size() != header.size()) {
        warnings.add(
            Problem.at(
                source,
                where,
                row.size() + " fields where the header has " + header.size() + "; row skipped"));
        continue;
      }
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), row.get(i));
      }
      KevEntry e = entry(m, source, where, warnings);
      if (e != null) {
        entries.add(e);
      }
    }
    return new KevCatalog("", entries, warnings.list());
  }

  private static KevEntry entry(
      Map<String, String> m, String source, String where, Warnings warnings) {
    String cve = m.getOrDefault("cveID", "").trim();
    if (!CVE.matcher(cve).matches()) {
      warnings.add(Problem.at(source, where, "cveID '" + cve + "' is not a CVE id; entry skipped"));
      return null;
    }
    return new KevEntry(
        cve,
        m.get("vendorProject"),
        m.get("product"),
        m.get("vulnerabilityName"),
        date(m.get("dateAdded"), "dateAdded", source, where, warnings),
        date(m.get("dueDate"), "dueDate", source, where, warnings),
        "Known".equalsIgnoreCase(m.getOrDefault("knownRansomwareCampaignUse", "").trim()));
  }

  private static LocalDate date(
      String s, String what, String source, String where, Warnings warnings) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      warnings.add(
          Problem.at(source, where, what + " '" + s + "' is not a YYYY-MM-DD date; left empty"));
      return null;
    }
  }

  private static ProblemException fail(JsonParser p, String source, String message) {
    return new ProblemException(
        Problem.at(source, "line " + p.currentLocation().getLineNr(), message));
  }
}
