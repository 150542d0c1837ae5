package dev.parkedge.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of a CSV file (RFC 4180): fields separated by commas, optionally in double quotes, in
 * which commas, line breaks and doubled quotes ({@code ""}) are part of the field.
 *
 * @param line the 1-based line the record starts on
 */
record CsvRecord(int line, List<String> fields) {

  CsvRecord {
    fields = List.copyOf(fields);
  }

  /** Every record of {@code text}; CR LF and LF both end a record. */
  static List<CsvRecord> parse(String text) {
    List<CsvRecord> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int start = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(new CsvRecord(start, fields));
        fields.clear();
        start = ++line;
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(new CsvRecord(start, fields));
    }
    return records;
  }
}
