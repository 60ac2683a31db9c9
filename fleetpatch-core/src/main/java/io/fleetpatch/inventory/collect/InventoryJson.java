package io.fleetpatch.inventory.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the {@code fleetpatch.inventory/v1} JSON document (docs/inventory-v1.md), and
 * reads the oracle's simple form ({@code fleetgen}'s {@code <host>.inventory.json}: no {@code
 * schema}, {@code host} a string).
 *
 * <p>Syntax errors become a {@link Problem} at "line N"; a field with a wrong value becomes a
 * {@link Problem} at "line N, /packages/3/epoch" (the line is found by a second, streaming pass).
 */
public final class InventoryJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private InventoryJson() {}

  /** Reads an inventory JSON file (either form). */
  public static Inventory read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(bytes, file.toString());
  }

  /** Parses an inventory JSON document (either form); {@code source} names it in problems. */
  public static Inventory parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new ProblemException(
          Problem.at(source, where, "not valid JSON: " + e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new Decoder(source).inventory(root);
    } catch (FieldProblem p) {
      String where = lineOf(json, p.pointer) + p.pointer;
      throw new ProblemException(Problem.at(source, where, p.getMessage()));
    }
  }

  /** Writes {@code inventory} as a {@code fleetpatch.inventory/v1} document (2-space indent). */
  public static String write(Inventory inventory) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", Inventory.SCHEMA);
    ObjectNode host = root.putObject("host");
    host.put("id", inventory.host().id());
    host.put("hostname", inventory.host().hostname());
    ObjectNode tags = host.putObject("tags");
    new java.util.TreeMap<>(inventory.host().tags()).forEach(tags::put);
    ObjectNode os = root.putObject("os");
    inventory.os().sorted().forEach(os::put);
    root.put("kernel", inventory.kernel());
    ArrayNode pkgs = root.putArray("packages");
    for (InstalledPackage p : inventory.packages()) {
      ObjectNode o = pkgs.addObject();
      Nevra n = p.nevra();
      o.put("name", n.name());
      if (n.evr().epoch() == null) {
        o.putNull("epoch");
      } else {
        o.put("epoch", n.evr().epoch());
      }
      o.put("version", n.evr().version());
      o.put("release", n.evr().release());
      o.put("arch", n.arch().name());
      putIfPresent(o, "sourceRpm", p.sourceRpm());
      putIfPresent(o, "vendor", p.vendor());
      if (p.installTime() != null) {
        o.put("installTime", p.installTime());
      }
      putIfPresent(o, "signatureKeyId", p.signatureKeyId());
      putIfPresent(o, "repo", p.repo());
    }
    putList(root, "repos", inventory.repos());
    putList(root, "livepatches", inventory.livepatches());
    root.put(
        "collectedAt", inventory.collectedAt() == null ? null : inventory.collectedAt().toString());
    root.put("source", inventory.source());
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putIfPresent(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static void putList(ObjectNode root, String key, List<String> values) {
    if (values == null) {
      root.putNull(key);
    } else {
      ArrayNode a = root.putArray(key);
      values.forEach(a::add);
    }
  }

  /** "line N, " where the value at {@code pointer} starts, or "" if it cannot be found. */
  private static String lineOf(byte[] json, String pointer) {
    JsonPointer target = JsonPointer.compile(pointer);
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t != JsonToken.FIELD_NAME
            && t != JsonToken.END_OBJECT
            && t != JsonToken.END_ARRAY
            && p.getParsingContext().pathAsPointer().equals(target)) {
          return "line " + p.currentTokenLocation().getLineNr() + ", ";
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /** A field with a wrong value, at a JSON pointer. */
  private static final class FieldProblem extends RuntimeException {
    final String pointer;

    FieldProblem(String pointer, String message) {
      super(message, null, false, false);
      this.pointer = pointer;
    }
  }

  /** Turns the tree into an {@link Inventory}, naming the JSON pointer of a bad field. */
  private record Decoder(String source) {
    Inventory inventory(JsonNode root) {
      if (!root.isObject()) {
        throw new FieldProblem("", "expected a JSON object, found " + kind(root));
      }
      JsonNode schema = root.get("schema");
      if (schema != null && !(schema.isTextual() && schema.asText().equals(Inventory.SCHEMA))) {
        throw new FieldProblem(
            "/schema", "unsupported schema " + schema + " (expected \"" + Inventory.SCHEMA + "\")");
      }
      Host host = host(root.get("host"));
      OsRelease os = os(root.get("os"));
      String kernel = optText(root, "kernel", "/kernel");
      JsonNode pkgs = root.get("packages");
      if (pkgs == null || !pkgs.isArray()) {
        throw new FieldProblem(
            pkgs == null ? "" : "/packages",
            "'packages' must be an array, found " + (pkgs == null ? "nothing" : kind(pkgs)));
      }
      List<InstalledPackage> packages = new ArrayList<>(pkgs.size());
      for (int i = 0; i < pkgs.size(); i++) {
        packages.add(pkg(pkgs.get(i), "/packages/" + i));
      }
      List<String> repos = optStrings(root, "repos");
      List<String> livepatches = optStrings(root, "livepatches");
      Instant collectedAt = null;
      String at = optText(root, "collectedAt", "/collectedAt");
      if (at != null) {
        try {
          collectedAt = Instant.parse(at);
        } catch (DateTimeParseException e) {
          throw new FieldProblem(
              "/collectedAt", "not an ISO-8601 instant (2024-01-31T12:00:00Z): '" + at + "'");
        }
      }
      String src = optText(root, "source", "/source");
      return new Inventory(
          host,
          os,
          kernel,
          packages,
          repos,
          livepatches,
          collectedAt,
          src == null ? "json:" + source : src);
    }

    private Host host(JsonNode h) {
      if (h == null || h.isNull()) {
        throw new FieldProblem("", "missing 'host' (a host id string or {id, hostname, tags})");
      }
      if (h.isTextual()) {
        return Host.of(nonEmpty(h.asText(), "/host"));
      }
      if (!h.isObject()) {
        throw new FieldProblem("/host", "'host' must be a string or an object, found " + kind(h));
      }
      String id = optText(h, "id", "/host/id");
      if (id == null) {
        throw new FieldProblem("/host", "missing 'host.id'");
      }
      String hostname = optText(h, "hostname", "/host/hostname");
      Map<String, String> tags = new LinkedHashMap<>();
      JsonNode t = h.get("tags");
      if (t != null && !t.isNull()) {
        if (!t.isObject()) {
          throw new FieldProblem("/host/tags", "'tags' must be an object, found " + kind(t));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
          var e = it.next();
          if (!e.getValue().isTextual()) {
            throw new FieldProblem(
                "/host/tags/" + escape(e.getKey()),
                "tag values must be strings, found " + kind(e.getValue()));
          }
          tags.put(e.getKey(), e.getValue().asText());
        }
      }
      return new Host(nonEmpty(id, "/host/id"), hostname, tags);
    }

    private OsRelease os(JsonNode o) {
      if (o == null || o.isNull()) {
        return OsRelease.UNKNOWN;
      }
      if (!o.isObject()) {
        throw new FieldProblem(
            "/os", "'os' must be an object of os-release fields, found " + kind(o));
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isTextual()) {
          throw new FieldProblem(
              "/os/" + escape(e.getKey()),
              "os-release values must be strings, found " + kind(e.getValue()));
        }
        fields.put(e.getKey(), e.getValue().asText());
      }
      return new OsRelease(fields);
    }

    private InstalledPackage pkg(JsonNode p, String at) {
      if (!p.isObject()) {
        throw new FieldProblem(at, "a package must be an object, found " + kind(p));
      }
      String name = reqText(p, "name", at);
      Long epoch = null;
      JsonNode e = p.get("epoch");
      if (e != null && !e.isNull()) {
        if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() < 0) {
          throw new FieldProblem(
              at + "/epoch",
              "epoch must be a non-negative integer or null (no Epoch tag), found " + e);
        }
        epoch = e.asLong();
      }
      String version = reqText(p, "version", at);
      String release = optText(p, "release", at + "/release");
      String arch = reqText(p, "arch", at);
      Nevra nevra;
      try {
        nevra = Nevra.of(name, new Evr(epoch, version, release), Arch.parse(arch));
      } catch (IllegalArgumentException ex) {
        throw new FieldProblem(at, "bad package: " + ex.getMessage());
      }
      Long installTime = null;
      JsonNode it = p.get("installTime");
      if (it != null && !it.isNull()) {
        if (!it.isIntegralNumber() || !it.canConvertToLong()) {
          throw new FieldProblem(
              at + "/installTime", "installTime must be an integer (seconds), found " + it);
        }
        installTime = it.asLong();
      }
      return new InstalledPackage(
          nevra,
          optText(p, "sourceRpm", at + "/sourceRpm"),
          optText(p, "vendor", at + "/vendor"),
          installTime,
          optText(p, "signatureKeyId", at + "/signatureKeyId"),
          optText(p, "repo", at + "/repo"));
    }

    private List<String> optStrings(JsonNode root, String key) {
      JsonNode a = root.get(key);
      if (a == null || a.isNull()) {
        return null;
      }
      if (!a.isArray()) {
        throw new FieldProblem(
            "/" + key, "'" + key + "' must be an array of strings or null, found " + kind(a));
      }
      List<String> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isTextual()) {
          throw new FieldProblem("/" + key + "/" + i, "expected a string, found " + kind(a.get(i)));
        }
        out.add(a.get(i).asText());
      }
      return out;
    }

    private static String reqText(JsonNode o, String key, String at) {
      String s = optText(o, key, at + "/" + key);
      if (s == null) {
        throw new FieldProblem(at, "missing '" + key + "'");
      }
      return s;
    }

    private static String optText(JsonNode o, String key, String at) {
      JsonNode v = o.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw new FieldProblem(at, "'" + key + "' must be a string, found " + kind(v));
      }
      return v.asText();
    }

    private static String nonEmpty(String s, String at) {
      if (s.isBlank()) {
        throw new FieldProblem(at, "empty host id");
      }
      return s;
    }

    private static String escape(String key) {
      return key.replace("~", "~0").replace("/", "~1");
    }

    private static String kind(JsonNode n) {
      String text = n.toString();
      return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + " "
          + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
  }
}
