package io.fleetpatch.advisory.enrich;

import io.fleetpatch.advisory.Warnings;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.InputProblemException;
import io.fleetpatch.xml.SafeInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FIRST's EPSS scores CSV ({@code epss_scores-YYYY-MM-DD.csv.gz}, any compression) in every
 * header variant it has had (FIRST, "EPSS data and statistics"):
 *
 * <ul>
 *   <li>2021-04: {@code cve,epss} (no percentile: {@link Double#NaN});
 *   <li>2021-09: {@code cve,epss,percentile};
 *   <li>2022-02 on: a first line {@code
 *       #model_version:v2022.01.01,score_date:2022-02-04T00:00:00+0000} then {@code
 *       cve,epss,percentile}.
 * </ul>
 *
 * The score date is the comment line's; without one, the {@code YYYY-MM-DD} in the file name; else
 * null. Rows whose CVE id or numbers cannot be read are warnings with their line.
 */
public final class EpssParser {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern NAME_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  /** Reads the whole file. */
  public EpssFeed read(Path file) {
    List<EpssScore> scores = new ArrayList<>();
    Header[] header = new Header[1];
    List<Problem> warnings = stream(file, scores::add, h -> header[0] = h);
    return new EpssFeed(header[0].modelVersion(), header[0].scoreDate(), scores, warnings);
  }

  /** Model version and score date of a file. */
  public record Header(String modelVersion, LocalDate scoreDate) {}

  /** Streams the scores (the full file has about 270,000); returns the warnings. */
  public List<Problem> stream(Path file, Consumer<EpssScore> sink, Consumer<Header> header) {
    String source = file.toString();
    Warnings warnings = new Warnings(source);
    try (SafeInput in = SafeInput.open(file, KevParser.LIMITS);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      CsvReader csv = new CsvReader(r, source);
      String model = "";
      LocalDate date = null;
      List<String> first = csv.next();
      if (first != null && !first.isEmpty() && first.get(0).startsWith("#")) {
        for (String part : first) {
          String p = part.startsWith("#") ? part.substring(1) : part;
          int colon = p.indexOf(':');
          if (colon < 0) {
            continue;
          }
          String key = p.substring(0, colon).trim();
          String value = p.substring(colon + 1).trim();
          if (key.equals("model_version")) {
            model = value;
          } else if (key.equals("score_date")) {
            date = scoreDate(value, source, warnings);
          }
        }
        first = csv.next();
      }
      if (date == null) {
        Matcher m = NAME_DATE.matcher(file.getFileName().toString());
        if (m.find()) {
          try {
            date = LocalDate.parse(m.group(1));
          } catch (DateTimeParseException e) {
            warnings.add(Problem.of(source, "file name date '" + m.group(1) + "' is not a date"));
          }
        }
      }
      header.accept(new Header(model, date));
      if (first == null) {
        throw new ProblemException(Problem.of(source, "no header line: not an EPSS scores file"));
      }
      List<String> cols = first.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
      int cve = cols.indexOf("cve");
      int epss = cols.indexOf("epss");
      int pct = cols.indexOf("percentile");
      if (cve < 0 || epss < 0) {
        throw new ProblemException(
            Problem.at(
                source,
                "line " + csv.line(),
                "header '"
                    + String.join(",", first)
                    + "' lacks cve and epss: not an EPSS scores file"));
      }
      for (List<String> row; (row = csv.next()) != null; ) {
        if (row.size() == 1 && row.get(0).isBlank()) {
          continue;
        }
        String where = "line " + csv.line();
        if (row.size() != cols.size()) {
          warnings.add(
              Problem.at(
                  source,
                  where,
                  row.size() + " fields where the header has " + cols.size() + "; row skipped"));
          continue;
        }
        String id = row.get(cve).trim();
        if (!CVE.matcher(id).matches()) {
          warnings.add(Problem.at(source, where, "'" + id + "' is not a CVE id; row skipped"));
          continue;
        }
        try {
          double e = Double.parseDouble(row.get(epss).trim());
          double p = pct < 0 ? Double.NaN : Double.parseDouble(row.get(pct).trim());
          sink.accept(new EpssScore(id, e, p, date));
        } catch (IllegalArgumentException ex) {
          warnings.add(Problem.at(source, where, id + ": " + ex.getMessage() + "; row skipped"));
        }
      }
    } catch (InputProblemException e) {
      throw new ProblemException(e.problem(), e);
    } catch (IOException e) {
      throw new ProblemException(Problem.of(source, "cannot read: " + e.getMessage()), e);
    }
    return warnings.list();
  }

  private static LocalDate scoreDate(String value, String source, Warnings warnings) {
    try {
      return OffsetDateTime.parse(value.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
          .toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
      } catch (DateTimeParseException e2) {
        warnings.add(Problem.at(source, "line 1", "score_date '" + value + "' is not a date"));
        return null;
      }
    }
  }
}
