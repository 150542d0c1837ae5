package dev.parkedge.gateway.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows printed as left-aligned columns two spaces apart; a missing value prints as "-". */
final class Table {

  private static final String GAP = "  ";

  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(List.of(header));
  }

  Table row(Object... cells) {
    rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toList());
    return this;
  }

  void print(PrintWriter out) {
    print(out, rows);
  }

  /** For label/value lists, whose header would say nothing. */
  void printWithoutHeader(PrintWriter out) {
    print(out, rows.subList(1, rows.size()));
  }

  private void print(PrintWriter out, List<List<String>> lines) {
    int[] widths = widths();
    for (List<String> row : lines) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.size(); column++) {
        String cell = row.get(column);
        line.append(cell);
        if (column < row.size() - 1) {
          line.append(" ".repeat(widths[column] - cell.length())).append(GAP);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private int[] widths() {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int column = 0; column < row.size(); column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    return widths;
  }
}
