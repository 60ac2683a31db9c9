package io.fleetpatch.baseline;

import java.util.Locale;

/** The two spellings of a baseline document (docs/baseline.md): JSON and YAML of the same shape. */
public enum BaselineFormat {
  JSON,
  YAML;

  /**
   * The format of a file, as {@link BaselineFile#read} decides it: YAML when its name ends in
   * {@code .yaml} or {@code .yml}, otherwise JSON exactly when the text starts with '{' (a JSON
   * document always does).
   */
  public static BaselineFormat of(String fileName, String text) {
    String name = fileName.toLowerCase(Locale.ROOT);
    boolean yaml =
        name.endsWith(".yaml") || name.endsWith(".yml") || !text.stripLeading().startsWith("{");
    return yaml ? YAML : JSON;
  }

  /** Reads the name stored in the database ({@code json} or {@code yaml}). */
  public static BaselineFormat parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
