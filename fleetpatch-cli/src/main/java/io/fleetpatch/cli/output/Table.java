package io.fleetpatch.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetpatch.cli.OutputFormat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of named columns, printed as an aligned text table, RFC 4180 CSV with a header line, or a
 * JSON array of objects keyed by column name. Null cells print empty (JSON null).
 */
public final class Table {
  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  public Table(String... columns) {
    this.columns = List.of(columns);
  }

  public Table add(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + columns.size() + " columns");
    }
    rows.add(java.util.Arrays.asList(cells.clone()));
    return this;
  }

  public int size() {
    return rows.size();
  }

  public void print(PrintWriter out, OutputFormat format) {
    switch (format) {
      case table -> printText(out);
      case csv -> printCsv(out);
      case json -> Json.print(out, asMaps());
    }
    out.flush();
  }

  /** The rows as column-name maps (the JSON form). */
  public List<Map<String, Object>> asMaps() {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), row.get(i));
      }
      out.add(m);
    }
    return out;
  }

  private void printText(PrintWriter out) {
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
    }
    for (List<Object> row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], text(row.get(i)).length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      pad(line, columns.get(i).toUpperCase(java.util.Locale.ROOT), width[i], i == width.length - 1);
    }
    out.println(line.toString().stripTrailing());
    for (List<Object> row : rows) {
      line.setLength(0);
      for (int i = 0; i < width.length; i++) {
        pad(line, text(row.get(i)), width[i], i == width.length - 1);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static void pad(StringBuilder line, String s, int width, boolean last) {
    line.append(s);
    if (!last) {
      line.append(" ".repeat(width - s.length() + 2));
    }
  }

  private void printCsv(PrintWriter out) {
    out.print(csvLine(new ArrayList<>(columns)));
    for (List<Object> row : rows) {
      out.print(csvLine(row));
    }
  }

  /** One RFC 4180 record, CRLF-terminated; fields with a comma, quote or line break are quoted. */
  static String csvLine(List<?> cells) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      String v = text(cells.get(i));
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        s.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        s.append(v);
      }
    }
    return s.append("\r\n").toString();
  }

  private static String text(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof List<?> l) {
      StringBuilder s = new StringBuilder();
      for (Object x : l) {
        if (!s.isEmpty()) {
          s.append(' ');
        }
        s.append(x);
      }
      return s.toString();
    }
    return o.toString();
  }

  /** JSON output: Jackson with ISO dates, pretty-printed, one document per call. */
  public static final class Json {
    private static final ObjectMapper MAPPER =
        new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static void print(PrintWriter out, Object value) {
      try {
        out.println(MAPPER.writeValueAsString(value));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
