package io.fleetpatch.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes baseline files: AWS's own patch-baseline JSON as {@code aws ssm
 * get-patch-baseline} prints it (SSM API GetPatchBaseline response; DESIGN.md §4), or YAML of the
 * same shape. docs/baseline.md describes the format. Problems name the line and key.
 */
public final class BaselineFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // GetPatchBaseline response members fleetpatch reads
  private static final Set<String> TOP_KEYS =
      Set.of(
          "Name",
          "OperatingSystem",
          "Description",
          "GlobalFilters",
          "ApprovalRules",
          "ApprovedPatches",
          "ApprovedPatchesComplianceLevel",
          "ApprovedPatchesEnableNonSecurity",
          "RejectedPatches",
          "RejectedPatchesAction",
          "PatchGroups");
  // ...and those it accepts and ignores (they do not change what is approved)
  private static final Set<String> IGNORED_KEYS =
      Set.of(
          "BaselineId",
          "CreatedDate",
          "ModifiedDate",
          "Sources",
          "AvailableSecurityUpdatesComplianceStatus",
          "Tags");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "PatchFilterGroup",
          "ComplianceLevel",
          "ApproveAfterDays",
          "ApproveUntilDate",
          "EnableNonSecurity");

  private BaselineFile() {}

  /** Reads a {@code .json}, {@code .yaml} or {@code .yml} file (others are sniffed: '{' = JSON). */
  public static Baseline read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    boolean yaml = BaselineFormat.of(file.getFileName().toString(), text) == BaselineFormat.YAML;
    String fallbackName = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
    return parse(text, file.toString(), yaml, fallbackName);
  }

  /**
   * Parses a baseline document.
   *
   * @param source the file name for problems
   * @param yaml YAML rather than JSON
   * @param fallbackName the name to use when the document has no {@code Name}
   * @throws ProblemException naming the line and key of the first thing wrong
   */
  public static Baseline parse(String text, String source, boolean yaml, String fallbackName) {
    ParsedDocument doc =
        ParsedDocument.read(yaml ? YAML : JSON, text, source, yaml ? "YAML" : "JSON");
    return new Reader(source, doc.lines()).baseline(doc.root(), fallbackName);
  }

  /** Writes the baseline in the GetPatchBaseline JSON shape ({@link #parse} reads it back). */
  public static String toJson(Baseline b) {
    ObjectNode o = JSON.createObjectNode();
    o.put("Name", b.name());
    if (!b.operatingSystem().isEmpty()) {
      o.put("OperatingSystem", b.operatingSystem());
    }
    if (!b.description().isEmpty()) {
      o.put("Description", b.description());
    }
    o.set("GlobalFilters", filterGroup(b.globalFilters()));
    ObjectNode rules = o.putObject("ApprovalRules");
    ArrayNode ra = rules.putArray("PatchRules");
    for (PatchRule r : b.rules()) {
      ObjectNode rn = ra.addObject();
      rn.set("PatchFilterGroup", filterGroup(r.filters()));
      rn.put("ComplianceLevel", r.complianceLevel().name());
      if (r.approveAfterDays() != null) {
        rn.put("ApproveAfterDays", r.approveAfterDays());
      } else {
        rn.put("ApproveUntilDate", r.approveUntilDate().toString());
      }
      rn.put("EnableNonSecurity", r.enableNonSecurity());
    }
    ArrayNode ap = o.putArray("ApprovedPatches");
    b.approvedPatches().forEach(p -> ap.add(p.value()));
    o.put("ApprovedPatchesComplianceLevel", b.approvedPatchesComplianceLevel().name());
    o.put("ApprovedPatchesEnableNonSecurity", b.approvedPatchesEnableNonSecurity());
    ArrayNode rp = o.putArray("RejectedPatches");
    b.rejectedPatches().forEach(p -> rp.add(p.value()));
    o.put("RejectedPatchesAction", b.rejectedPatchesAction().name());
    ArrayNode pg = o.putArray("PatchGroups");
    b.patchGroups().forEach(pg::add);
    try {
      return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode filterGroup(List<PatchFilter> filters) {
    ObjectNode g = JSON.createObjectNode();
    ArrayNode fa = g.putArray("PatchFilters");
    for (PatchFilter f : filters) {
      ObjectNode fn = fa.addObject();
      fn.put("Key", f.key().name());
      ArrayNode vals = fn.putArray("Values");
      f.values().forEach(vals::add);
    }
    return g;
  }

  /** Parses one tree, remembering where it is for problems. */
  private record Reader(String source, DocumentLines lines) {
    ProblemException problem(String path, String message) {
      return new ProblemException(Problem.at(source, lines.where(path), message));
    }

    Baseline baseline(JsonNode root, String fallbackName) {
      if (root == null || !root.isObject()) {
        throw problem("", "a baseline must be an object with ApprovalRules, ApprovedPatches, ...");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!TOP_KEYS.contains(k) && !IGNORED_KEYS.contains(k)) {
          throw problem(k, "unknown key '" + k + "' (expected one of " + sorted(TOP_KEYS) + ")");
        }
      }
      String name = text(root, "Name", fallbackName);
      List<PatchFilter> global = List.of();
      if (root.has("GlobalFilters")) {
        global = filters(root.get("GlobalFilters"), "GlobalFilters");
      }
      List<PatchRule> rules = new ArrayList<>();
      JsonNode ar = root.get("ApprovalRules");
      if (ar != null && !ar.isNull()) {
        JsonNode pr = ar.get("PatchRules");
        if (!ar.isObject() || pr == null || !pr.isArray()) {
          throw problem("ApprovalRules", "ApprovalRules must be an object with a PatchRules list");
        }
        for (int i = 0; i < pr.size(); i++) {
          rules.add(rule(pr.get(i), "ApprovalRules.PatchRules[" + i + "]"));
        }
      }
      List<PatchId> approved = patchIds(root, "ApprovedPatches");
      List<PatchId> rejected = patchIds(root, "RejectedPatches");
      ComplianceLevel approvedLevel =
          level(root, "ApprovedPatchesComplianceLevel", "ApprovedPatchesComplianceLevel");
      boolean approvedNonSec = bool(root, "ApprovedPatchesEnableNonSecurity");
      RejectedAction action = RejectedAction.ALLOW_AS_DEPENDENCY;
      String a = text(root, "RejectedPatchesAction", null);
      if (a != null) {
        try {
          action = RejectedAction.valueOf(a.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw problem(
              "RejectedPatchesAction",
              "RejectedPatchesAction must be ALLOW_AS_DEPENDENCY or BLOCK, got '" + a + "'");
        }
      }
      List<String> groups = new ArrayList<>();
      JsonNode pg = root.get("PatchGroups");
      if (pg != null && !pg.isNull()) {
        if (!pg.isArray()) {
          throw problem("PatchGroups", "PatchGroups must be a list of patch group names");
        }
        for (int i = 0; i < pg.size(); i++) {
          String g = pg.get(i).asText("");
          // UG patch-groups: the tag value is at most 256 characters
          if (!pg.get(i).isTextual() || g.isEmpty() || g.length() > 256) {
            throw problem(
                "PatchGroups[" + i + "]", "a patch group name is 1-256 characters: '" + g + "'");
          }
          groups.add(g);
        }
      }
      try {
        return new Baseline(
            name,
            text(root, "OperatingSystem", ""),
            text(root, "Description", ""),
            global,
            rules,
            approved,
            approvedLevel,
            approvedNonSec,
            rejected,
            action,
            groups);
      } catch (IllegalArgumentException e) {
        throw problem("", e.getMessage());
      }
    }

    PatchRule rule(JsonNode r, String path) {
      if (r == null || !r.isObject()) {
        throw problem(path, "a patch rule must be an object");
      }
      for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!RULE_KEYS.contains(k)) {
          throw problem(
              path + "." + k,
              "unknown rule key '" + k + "' (expected one of " + sorted(RULE_KEYS) + ")");
        }
      }
      List<PatchFilter> filters =
          r.has("PatchFilterGroup")
              ? filters(r.get("PatchFilterGroup"), path + ".PatchFilterGroup")
              : List.of();
      Integer days = null;
      JsonNode d = r.get("ApproveAfterDays");
      if (d != null && !d.isNull()) {
        if (!d.canConvertToInt() || !d.isIntegralNumber()) {
          throw problem(
              path + ".ApproveAfterDays",
              "ApproveAfterDays must be a whole number of days, got '" + d.asText() + "'");
        }
        days = d.intValue();
      }
      LocalDate until = null;
      String u = text(r, "ApproveUntilDate", null, path + ".ApproveUntilDate");
      if (u != null) {
        try {
          until = LocalDate.parse(u);
        } catch (DateTimeParseException e) {
          throw problem(
              path + ".ApproveUntilDate", "ApproveUntilDate must be YYYY-MM-DD, got '" + u + "'");
        }
      }
      ComplianceLevel level = level(r, "ComplianceLevel", path + ".ComplianceLevel");
      boolean nonSec = bool(r, "EnableNonSecurity");
      try {
        return new PatchRule(filters, days, until, level, nonSec);
      } catch (IllegalArgumentException e) {
        throw problem(path, e.getMessage());
      }
    }

    List<PatchFilter> filters(JsonNode group, String path) {
      if (group.isNull()) {
        return List.of();
      }
      JsonNode fs = group.get("PatchFilters");
      if (!group.isObject() || (fs != null && !fs.isArray())) {
        throw problem(path, "a filter group must be an object with a PatchFilters list");
      }
      List<PatchFilter> out = new ArrayList<>();
      if (fs == null) {
        return out;
      }
      for (int i = 0; i < fs.size(); i++) {
        String fp = path + ".PatchFilters[" + i + "]";
        JsonNode f = fs.get(i);
        String key = text(f, "Key", null, fp + ".Key");
        if (key == null) {
          throw problem(fp, "a patch filter needs a Key");
        }
        PatchFilterKey k;
        try {
          k = PatchFilterKey.valueOf(key);
        } catch (IllegalArgumentException e) {
          throw problem(
              fp + ".Key",
              "filter key '"
                  + key
                  + "' is not a baseline property on Amazon Linux (expected PRODUCT, CLASSIFICATION,"
                  + " SEVERITY or REPOSITORY)");
        }
        JsonNode vs = f.get("Values");
        if (vs == null || !vs.isArray()) {
          throw problem(fp, "a patch filter needs a Values list");
        }
        List<String> values = new ArrayList<>();
        for (int j = 0; j < vs.size(); j++) {
          if (!vs.get(j).isValueNode()) {
            throw problem(fp + ".Values[" + j + "]", "a filter value must be a string");
          }
          values.add(vs.get(j).asText());
        }
        try {
          out.add(new PatchFilter(k, values));
        } catch (IllegalArgumentException e) {
          throw problem(fp, e.getMessage());
        }
      }
      return out;
    }

    List<PatchId> patchIds(JsonNode root, String key) {
      JsonNode a = root.get(key);
      List<PatchId> out = new ArrayList<>();
      if (a == null || a.isNull()) {
        return out;
      }
      if (!a.isArray()) {
        throw problem(key, key + " must be a list");
      }
      for (int i = 0; i < a.size(); i++) {
        try {
          out.add(PatchId.parse(a.get(i).asText("")));
        } catch (IllegalArgumentException e) {
          throw problem(key + "[" + i + "]", e.getMessage());
        }
      }
      return out;
    }

    ComplianceLevel level(JsonNode node, String key, String path) {
      String s = text(node, key, null, path);
      if (s == null) {
        return ComplianceLevel.UNSPECIFIED;
      }
      try {
        return ComplianceLevel.parse(s);
      } catch (IllegalArgumentException e) {
        throw problem(path, e.getMessage());
      }
    }

    boolean bool(JsonNode node, String key) {
      JsonNode b = node.get(key);
      if (b == null || b.isNull()) {
        return false;
      }
      if (b.isBoolean()) {
        return b.booleanValue();
      }
      if (b.isTextual() && (b.asText().equals("true") || b.asText().equals("false"))) {
        return Boolean.parseBoolean(b.asText());
      }
      throw problem(key, key + " must be true or false, got '" + b.asText() + "'");
    }

    String text(JsonNode node, String key, String dflt) {
      return text(node, key, dflt, key);
    }

    String text(JsonNode node, String key, String dflt, String path) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isValueNode()) {
        throw problem(path, key + " must be a single value");
      }
      return v.asText();
    }
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }
}
