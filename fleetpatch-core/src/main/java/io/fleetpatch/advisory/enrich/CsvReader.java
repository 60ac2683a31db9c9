package io.fleetpatch.advisory.enrich;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records: comma separated, fields optionally in double quotes, {@code ""} for a
 * quote inside them, quoted fields may hold commas and line breaks; CRLF or LF line ends. A record
 * longer than {@link #MAX_RECORD_CHARS} is a problem, so memory stays bounded.
 */
final class CsvReader {
  static final int MAX_RECORD_CHARS = 1 << 20;

  private final Reader in;
  private final String source;
  private int line = 1;
  private int recordLine;

  CsvReader(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The line the last record returned started on. */
  int line() {
    return recordLine;
  }

  /** The next record's fields, or null at the end of the input. */
  List<String> next() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int total = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (++total > MAX_RECORD_CHARS) {
        throw new ProblemException(
            Problem.at(
                source,
                "line " + recordLine,
                "CSV record longer than " + MAX_RECORD_CHARS + " characters"));
      }
      if (quoted) {
        if (c < 0) {
          throw new ProblemException(
              Problem.at(
                  source,
                  "line " + recordLine,
                  "quoted CSV field not closed before the end of the file"));
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c < 0) {
        if (c == '\n') {
          line++;
        }
        String last = field.toString();
        if (!wasQuoted && last.endsWith("\r")) {
          last = last.substring(0, last.length() - 1);
        }
        fields.add(last);
        return fields;
      } else if (c == '\r' && wasQuoted) {
        // CR of a CRLF after a closing quote
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    return in.read();
  }
}
