package io.fleetpatch.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exceptions audit log: an append-only JSON Lines file, one {@link AuditRecord} per line
 * ({@code {"recorded":…,"action":"created"|"expired","exception":…,"actor":…,"scope":…,
 * "effective":"YYYY-MM-DD","detail":…}}). Records are never rewritten.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Every record, oldest first; a missing file is an empty log. */
  public List<AuditRecord> records() throws IOException {
    List<AuditRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode o = JSON.readTree(line);
          out.add(
              new AuditRecord(
                  Instant.parse(o.get("recorded").asText()),
                  AuditRecord.Action.valueOf(o.get("action").asText().toUpperCase(Locale.ROOT)),
                  o.get("exception").asText(),
                  o.path("actor").asText(""),
                  o.path("scope").asText(""),
                  LocalDate.parse(o.get("effective").asText()),
                  o.path("detail").asText("")));
        } catch (JsonProcessingException | RuntimeException e) {
          throw new ProblemException(
              Problem.at(file.toString(), "line " + n, "not an audit record: " + e.getMessage()));
        }
      }
    }
    return out;
  }

  /** Appends records (creating the file). */
  public void append(List<AuditRecord> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (Writer w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      for (AuditRecord a : records) {
        ObjectNode o = JSON.createObjectNode();
        o.put("recorded", a.recorded().toString());
        o.put("action", a.action().name().toLowerCase(Locale.ROOT));
        o.put("exception", a.exception());
        o.put("actor", a.actor());
        o.put("scope", a.scope());
        o.put("effective", a.effective().toString());
        o.put("detail", a.detail());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
  }

  /**
   * Records what the log does not know yet: a CREATED record for every waiver it has never seen
   * (created by editing the file by hand), and an EXPIRED record for every waiver expired by {@code
   * asOf}. Returns the records appended.
   *
   * @param source where the waivers came from, for the detail of CREATED records
   */
  public List<AuditRecord> reconcile(
      List<Waiver> waivers, LocalDate asOf, Instant now, String source) throws IOException {
    Set<String> created = new HashSet<>();
    Set<String> expired = new HashSet<>();
    for (AuditRecord r : records()) {
      (r.action() == AuditRecord.Action.CREATED ? created : expired).add(r.exception());
    }
    List<AuditRecord> add = new ArrayList<>();
    for (Waiver w : waivers) {
      if (!created.contains(w.id())) {
        add.add(created(w, now, "found in " + source + ": " + w.justification()));
      }
      if (w.expiredOn(asOf) && !expired.contains(w.id())) {
        add.add(
            new AuditRecord(
                now,
                AuditRecord.Action.EXPIRED,
                w.id(),
                "fleetpatch",
                w.scope(),
                w.expires(),
                "expired on " + w.expires() + " (approved by " + w.approver() + ")"));
      }
    }
    append(add);
    return add;
  }

  /** The CREATED record of a waiver. */
  public static AuditRecord created(Waiver w, Instant now, String detail) {
    return new AuditRecord(
        now, AuditRecord.Action.CREATED, w.id(), w.approver(), w.scope(), w.created(), detail);
  }
}
