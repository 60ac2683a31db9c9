package io.fleetpatch.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Install outcomes read from {@code fleetpatch.install-result/v1} JSON Lines files, written by an
 * external patch run (SSM Run Command output converted, Ansible, a future fleetpatch remediation).
 * For each (host, advisory) the newest record wins (by {@code time}; on equal times, the later
 * line, and the later file); a newest record {@code failed} makes an approved, still missing
 * advisory FAILED rather than MISSING (UG compliance-states, reference/ssm-patch-manager.md §5).
 */
public final class InstallResults implements InstallOutcomes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<InstallResult> all;
  private final Map<Key, InstallResult> newest;

  private record Key(String host, String advisory) {}

  private InstallResults(List<InstallResult> all, Map<Key, InstallResult> newest) {
    this.all = all;
    this.newest = newest;
  }

  /** The results in order (later ones win ties). */
  public static InstallResults of(List<InstallResult> results) {
    Map<Key, InstallResult> m = new HashMap<>();
    for (InstallResult r : results) {
      m.merge(
          new Key(r.host(), r.advisory()),
          r,
          (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
    }
    return new InstallResults(List.copyOf(results), m);
  }

  /**
   * Reads files, in order.
   *
   * @throws ProblemException naming the file and line of the first malformed line
   */
  public static InstallResults read(List<Path> files) throws IOException {
    List<InstallResult> all = new ArrayList<>();
    for (Path f : files) {
      all.addAll(readFile(f));
    }
    return of(all);
  }

  static List<InstallResult> readFile(Path file) throws IOException {
    List<InstallResult> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        out.add(parseLine(line, file.toString(), n));
      }
    } catch (MalformedInputException e) {
      throw new ProblemException(Problem.of(file.toString(), "not UTF-8 text"), e);
    }
    return out;
  }

  /** One line; a malformed one is a problem at {@code source}, {@code line N}. */
  static InstallResult parseLine(String text, String source, int line) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad(source, line, "not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw bad(source, line, "not a JSON object: " + shorten(text));
    }
    String schema = text(o, "schema", source, line);
    if (!InstallResult.SCHEMA.equals(schema)) {
      throw bad(source, line, "schema '" + schema + "' is not '" + InstallResult.SCHEMA + "'");
    }
    String host = text(o, "host", source, line);
    String advisory = text(o, "advisory", source, line);
    String outcome = text(o, "outcome", source, line);
    InstallResult.Outcome oc =
        switch (outcome.toLowerCase(Locale.ROOT)) {
          case "failed" -> InstallResult.Outcome.FAILED;
          case "installed" -> InstallResult.Outcome.INSTALLED;
          default ->
              throw bad(
                  source, line, "outcome '" + outcome + "' is neither 'failed' nor 'installed'");
        };
    String t = text(o, "time", source, line);
    Instant time;
    try {
      time = OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(
          source,
          line,
          "time '" + t + "' is not an ISO-8601 time with offset (2024-03-01T10:00:00Z)");
    }
    JsonNode m = o.get("message");
    if (m != null && !m.isNull() && !m.isTextual()) {
      throw bad(source, line, "message is not a string");
    }
    return new InstallResult(host, advisory, oc, time, m == null || m.isNull() ? null : m.asText());
  }

  private static String text(JsonNode o, String field, String source, int line) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw bad(source, line, "no '" + field + "'");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw bad(source, line, "'" + field + "' is not a non-empty string: " + v);
    }
    return v.asText();
  }

  private static ProblemException bad(String source, int line, String message) {
    return new ProblemException(Problem.at(source, "line " + line, message));
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** The number of (host, advisory) pairs with a result. */
  public int size() {
    return newest.size();
  }

  /** The newest result for the pair, or null. */
  public InstallResult newest(String hostId, String advisoryId) {
    return newest.get(new Key(hostId, advisoryId));
  }

  @Override
  public boolean failed(String hostId, String advisoryId) {
    InstallResult r = newest(hostId, advisoryId);
    return r != null && r.outcome() == InstallResult.Outcome.FAILED;
  }

  /**
   * The outcomes as known at the end of {@code asOf} (UTC): results timed later are ignored, so
   * judging a past day does not see later runs.
   */
  public InstallResults asOf(LocalDate asOf) {
    Objects.requireNonNull(asOf, "asOf");
    Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return of(all.stream().filter(r -> r.time().isBefore(end)).toList());
  }
}
