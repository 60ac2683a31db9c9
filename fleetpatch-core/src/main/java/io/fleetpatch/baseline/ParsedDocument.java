package io.fleetpatch.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;

/**
 * A JSON or YAML document read as a tree, with the line of every node for problems. Shared by the
 * baseline and exception file readers.
 *
 * @param root the document's root (may be null or missing for an empty document)
 * @param lines where each node starts
 */
public record ParsedDocument(JsonNode root, DocumentLines lines) {
  /**
   * @param format "JSON" or "YAML", for the message
   * @throws ProblemException naming the line where the syntax is wrong
   */
  public static ParsedDocument read(
      ObjectMapper mapper, String text, String source, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new ProblemException(
          Problem.at(
              source,
              loc == null ? "" : "line " + loc.getLineNr(),
              "not " + format + ": " + e.getOriginalMessage()),
          e);
    }
    return new ParsedDocument(root, DocumentLines.of(mapper.getFactory(), text));
  }
}
