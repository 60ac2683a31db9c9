package io.fleetpatch.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fleetpatch.baseline.DocumentLines;
import io.fleetpatch.baseline.ParsedDocument;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes exceptions files (YAML, or JSON of the same shape): {@code exceptions:} a list
 * of {@code id, cve|advisory, host|group, justification, approver, created, expires, vex}. The
 * format is in docs/compliance-v1.md. Problems name the line.
 */
public final class WaiverFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "cve",
          "advisory",
          "host",
          "group",
          "justification",
          "approver",
          "created",
          "expires",
          "vex");

  private WaiverFile() {}

  /** Reads a file; a missing file is an empty list (nothing waived yet). */
  public static List<Waiver> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * @throws ProblemException naming the line of the first thing wrong
   */
  public static List<Waiver> parse(String text, String source) {
    boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
    ParsedDocument doc =
        ParsedDocument.read(json ? JSON : YAML, text, source, json ? "JSON" : "YAML");
    JsonNode root = doc.root();
    DocumentLines lines = doc.lines();
    List<Waiver> out = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    JsonNode list = root.isArray() ? root : root.get("exceptions");
    String prefix = root.isArray() ? "" : "exceptions";
    if (list == null || !list.isArray()) {
      throw new ProblemException(
          Problem.at(source, lines.where(""), "expected 'exceptions:' with a list of exceptions"));
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = prefix + "[" + i + "]";
      Waiver w = waiver(list.get(i), path, source, lines);
      if (!ids.add(w.id())) {
        throw new ProblemException(
            Problem.at(source, lines.where(path), "duplicate exception id '" + w.id() + "'"));
      }
      out.add(w);
    }
    return out;
  }

  private static Waiver waiver(JsonNode n, String path, String source, DocumentLines lines) {
    if (n == null || !n.isObject()) {
      throw new ProblemException(Problem.at(source, lines.where(path), "an exception is a map"));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ProblemException(
            Problem.at(
                source,
                lines.where(path + "." + k),
                "unknown key '"
                    + k
                    + "' (expected "
                    + String.join(", ", KEYS.stream().sorted().toList())
                    + ")"));
      }
    }
    try {
      String cve = text(n, "cve");
      String advisory = text(n, "advisory");
      String host = text(n, "host");
      String group = text(n, "group");
      if (cve != null && advisory != null) {
        throw new IllegalArgumentException("give either cve or advisory, not both");
      }
      if (host != null && group != null) {
        throw new IllegalArgumentException("give either host or group, not both");
      }
      Waiver.Subject subject =
          cve != null
              ? new Waiver.Cve(cve)
              : advisory != null ? new Waiver.AdvisoryId(advisory) : new Waiver.Everything();
      Waiver.Target target =
          host != null
              ? new Waiver.HostId(host)
              : group != null ? new Waiver.Group(group) : new Waiver.Fleet();
      VexStatement vex = VexStatement.RISK_ACCEPTED;
      JsonNode v = n.get("vex");
      if (v != null && !v.isNull()) {
        List<String> responses = new ArrayList<>();
        JsonNode r = v.get("response");
        if (r != null && r.isArray()) {
          r.forEach(x -> responses.add(x.asText()));
        } else if (r != null && !r.isNull()) {
          responses.add(r.asText());
        }
        String state = text(v, "state");
        vex =
            new VexStatement(
                state == null ? "exploitable" : state, text(v, "justification"), responses);
      }
      String id = text(n, "id");
      return new Waiver(
          id == null ? "" : id,
          subject,
          target,
          text(n, "justification"),
          text(n, "approver"),
          date(n, "created"),
          date(n, "expires"),
          vex);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProblemException(Problem.at(source, lines.where(path), e.getMessage()));
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(key + " must be a single value");
    }
    return v.asText().strip();
  }

  private static LocalDate date(JsonNode n, String key) {
    String s = text(n, key);
    if (s == null) {
      throw new IllegalArgumentException("an exception needs '" + key + "' (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be YYYY-MM-DD, got '" + s + "'");
    }
  }

  /** Writes the waivers as YAML ({@link #parse} reads it back). */
  public static String toYaml(List<Waiver> waivers) {
    ObjectNode root = YAML.createObjectNode();
    ArrayNode list = root.putArray("exceptions");
    for (Waiver w : waivers) {
      ObjectNode o = list.addObject();
      o.put("id", w.id());
      switch (w.subject()) {
        case Waiver.Cve c -> o.put("cve", c.id());
        case Waiver.AdvisoryId a -> o.put("advisory", a.id());
        case Waiver.Everything e -> {}
      }
      switch (w.target()) {
        case Waiver.HostId h -> o.put("host", h.id());
        case Waiver.Group g -> o.put("group", g.name());
        case Waiver.Fleet f -> {}
      }
      o.put("justification", w.justification());
      o.put("approver", w.approver());
      o.put("created", w.created().toString());
      o.put("expires", w.expires().toString());
      if (!w.vex().equals(VexStatement.RISK_ACCEPTED)) {
        ObjectNode v = o.putObject("vex");
        v.put("state", w.vex().state());
        if (w.vex().justification() != null) {
          v.put("justification", w.vex().justification());
        }
        ArrayNode r = v.putArray("response");
        w.vex().responses().forEach(r::add);
      }
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
