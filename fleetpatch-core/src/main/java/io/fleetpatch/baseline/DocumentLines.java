package io.fleetpatch.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every value of a JSON or YAML document, by path ({@code
 * ApprovalRules.PatchRules[0].ApproveAfterDays}), so that a problem in a baseline or exceptions
 * file names its line. Jackson's tree model forgets locations; this walks the token stream once
 * more.
 */
public final class DocumentLines {
  private final Map<String, Integer> lines;

  private DocumentLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /**
   * Reads the locations; a document that does not parse gives an empty map (reported elsewhere).
   */
  public static DocumentLines of(JsonFactory factory, String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = factory.createParser(text)) {
      Deque<int[]> index = new ArrayDeque<>(); // [next array index] or [-1] for objects
      Deque<String> path = new ArrayDeque<>();
      String field = null;
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        int line = p.currentLocation().getLineNr();
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          index.pop();
          path.pop();
          continue;
        }
        String here = childPath(path.peek(), index.peek(), field);
        lines.putIfAbsent(here, line);
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          path.push(here);
          index.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
        }
      }
    } catch (IOException | RuntimeException e) {
      return new DocumentLines(lines);
    }
    return new DocumentLines(lines);
  }

  private static String childPath(String parent, int[] index, String field) {
    if (parent == null) {
      return "";
    }
    if (index[0] >= 0) {
      return parent + "[" + index[0]++ + "]";
    }
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /** {@code line N (path)} for a problem location, or just the path when its line is unknown. */
  public String where(String path) {
    Integer line = lines.get(path);
    String p = path.isEmpty() ? "top level" : path;
    return line == null ? p : "line " + line + " (" + p + ")";
  }
}
