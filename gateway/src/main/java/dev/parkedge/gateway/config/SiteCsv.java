package dev.parkedge.gateway.config;

import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.proto.psp.Eui64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns an installer's spreadsheet of spaces into a site.yaml. The CSV has a header naming the
 * columns {@code space, level, zone, kinds, sensor, indicator} in any order (the last three may be
 * left out); fields may be quoted; a byte-order mark and CRLF line ends are fine. Kinds in a cell
 * are separated by {@code ;}, {@code |} or spaces; an empty cell means {@code standard}.
 */
public final class SiteCsv {

  static final List<String> COLUMNS =
      List.of("space", "level", "zone", "kinds", "sensor", "indicator");
  private static final List<String> REQUIRED = List.of("space", "level", "zone");
  private static final Pattern KIND_SEPARATORS = Pattern.compile("[;|\\s]+");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9 ._/-]*");

  private SiteCsv() {}

  /** One row of the sheet: the space it describes and where in the file it was. */
  private record Row(int line, Map<String, String> fields) {
    String get(String column) {
      return fields.getOrDefault(column, "").strip();
    }

    Scalar scalar(String column) {
      return new Scalar(get(column), line, column);
    }
  }

  /** A space as it will be written. */
  private record SpaceLine(String id, List<String> kinds, String sensor, String indicator) {}

  /**
   * The site.yaml text for the spaces in {@code csv}.
   *
   * @throws ConfigException with every problem of the sheet, each naming line and column
   * @throws IllegalArgumentException when a site detail is not valid, naming which
   */
  public static String toSiteYaml(
      Path csv, String siteId, String siteName, String timezone, String currency)
      throws ConfigException {
    if (!Values.isId(siteId)) {
      throw new IllegalArgumentException(
          "site id " + Scalar.quote(siteId) + " is not a valid id " + Values.ID_RULE);
    }
    if (Values.timezone(timezone).isEmpty()) {
      throw new IllegalArgumentException(
          Scalar.quote(timezone) + " is not " + Values.TIMEZONE_RULE);
    }
    if (Values.currency(currency).isEmpty()) {
      throw new IllegalArgumentException(
          Scalar.quote(currency) + " is not " + Values.CURRENCY_RULE);
    }
    Problems problems = new Problems(csv);
    List<Row> rows = rows(csv, problems);
    Map<String, Map<String, List<SpaceLine>>> levels = layout(rows, problems);
    problems.throwIfAny();
    return yaml(csv, siteId, siteName, timezone, currency, levels);
  }

  private static List<Row> rows(Path csv, Problems problems) throws ConfigException {
    String text;
    try {
      text = Files.readString(csv, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw YamlFile.notFound(csv);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(ConfigException.problem(csv, "cannot read " + csv.toAbsolutePath() + ": " + e)));
    }
    List<CsvRecord> records = CsvRecord.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    if (records.isEmpty()) {
      throw new ConfigException(
          List.of(ConfigException.problem(csv, 1, "", "no header (expected " + header() + ")")));
    }
    List<String> columns = header(records.get(0), problems);
    problems.throwIfAny(); // rows cannot be read against a header that is wrong
    List<Row> rows = new ArrayList<>();
    for (CsvRecord record : records.subList(1, records.size())) {
      if (record.fields().stream().allMatch(String::isBlank)) {
        continue;
      }
      if (record.fields().size() != columns.size()) {
        problems.add(
            record.line(),
            "",
            "row has " + record.fields().size() + " fields, the header has " + columns.size());
        continue;
      }
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        fields.put(columns.get(i), record.fields().get(i));
      }
      rows.add(new Row(record.line(), fields));
    }
    return rows;
  }

  private static List<String> header(CsvRecord record, Problems problems) {
    List<String> columns = new ArrayList<>();
    for (String field : record.fields()) {
      String column = field.strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(column)) {
        problems.add(
            record.line(),
            "",
            "unknown column \"" + field.strip() + "\" (known: " + header() + ")");
      } else if (columns.contains(column)) {
        problems.add(record.line(), "", "column \"" + column + "\" given twice");
      }
      columns.add(column);
    }
    for (String required : REQUIRED) {
      if (!columns.contains(required)) {
        problems.add(record.line(), "", "missing column \"" + required + "\"");
      }
    }
    return columns;
  }

  private static String header() {
    return String.join(", ", COLUMNS);
  }

  /** Levels, then zones, then spaces, each in order of first appearance. */
  private static Map<String, Map<String, List<SpaceLine>>> layout(
      List<Row> rows, Problems problems) {
    Map<String, Map<String, List<SpaceLine>>> levels = new LinkedHashMap<>();
    Map<String, String> levelOfZone = new HashMap<>();
    Map<String, Integer> spaceLines = new HashMap<>();
    Map<String, String> devices = new HashMap<>();
    for (Row row : rows) {
      var space = Values.id(row.scalar("space"), problems);
      var level = Values.id(row.scalar("level"), problems);
      var zone = Values.id(row.scalar("zone"), problems);
      List<String> kinds = kinds(row, problems);
      String sensor = device(row, "sensor", space.orElse("?"), devices, problems);
      String indicator = device(row, "indicator", space.orElse("?"), devices, problems);
      if (space.isEmpty() || level.isEmpty() || zone.isEmpty()) {
        continue;
      }
      Integer first = spaceLines.putIfAbsent(space.get(), row.line());
      if (first != null) {
        problems.add(
            row.line(),
            "space",
            "duplicate space id \"" + space.get() + "\" (also at line " + first + ")");
      }
      String zoneLevel = levelOfZone.putIfAbsent(zone.get(), level.get());
      if (zoneLevel != null && !zoneLevel.equals(level.get())) {
        problems.add(
            row.line(),
            "zone",
            "zone \""
                + zone.get()
                + "\" is on level "
                + zoneLevel
                + " already, not "
                + level.get());
        continue;
      }
      levels
          .computeIfAbsent(level.get(), l -> new LinkedHashMap<>())
          .computeIfAbsent(zone.get(), z -> new ArrayList<>())
          .add(new SpaceLine(space.get(), kinds, sensor, indicator));
    }
    return levels;
  }

  private static List<String> kinds(Row row, Problems problems) {
    List<String> kinds = new ArrayList<>();
    for (String kind : KIND_SEPARATORS.split(row.get("kinds"))) {
      String name = kind.toLowerCase(Locale.ROOT);
      if (name.isEmpty() || kinds.contains(name)) {
        continue;
      }
      if (SiteReader.KINDS.contains(name)) {
        kinds.add(name);
      } else {
        problems.add(
            row.line(),
            "kinds",
            "unknown kind \"" + kind + "\" (known: " + String.join(", ", SiteReader.KINDS) + ")");
      }
    }
    return kinds.equals(List.of(SpaceKind.STANDARD.yamlName())) ? List.of() : kinds;
  }

  private static String device(
      Row row, String role, String space, Map<String, String> devices, Problems problems) {
    if (row.get(role).isEmpty()) {
      return null;
    }
    var eui = Values.eui(row.scalar(role), problems);
    if (eui.isEmpty()) {
      return null;
    }
    String text = Eui64.format(eui.get());
    String use = "the " + role + " of space " + space + " (line " + row.line() + ")";
    String earlier = devices.putIfAbsent(text, use);
    if (earlier != null) {
      problems.add(row.line(), role, "device " + text + " is already " + earlier);
    }
    return text;
  }

  private static String yaml(
      Path csv,
      String siteId,
      String siteName,
      String timezone,
      String currency,
      Map<String, Map<String, List<SpaceLine>>> levels) {
    StringBuilder out = new StringBuilder();
    out.append("# site.yaml made by `parkedge site from-csv ")
        .append(csv.getFileName())
        .append("`; see examples/site.yaml for every key\n");
    out.append("site: { id: ")
        .append(plain(siteId))
        .append(", name: ")
        .append(plain(siteName))
        .append(", timezone: ")
        .append(plain(timezone))
        .append(", currency: ")
        .append(plain(currency))
        .append(" }\n");
    if (levels.isEmpty()) {
      return out.append("levels: []\n").toString();
    }
    out.append("levels:\n");
    levels.forEach(
        (level, zones) -> {
          out.append("  - id: ").append(plain(level)).append("\n    zones:\n");
          zones.forEach(
              (zone, spaces) -> {
                out.append("      - id: ").append(plain(zone)).append("\n        spaces:\n");
                spaces.forEach(
                    space -> out.append("          - ").append(space(space)).append('\n'));
              });
        });
    return out.toString();
  }

  private static String space(SpaceLine space) {
    StringBuilder text = new StringBuilder("{ id: ").append(plain(space.id()));
    if (space.sensor() != null) {
      text.append(", sensor: ").append(plain(space.sensor()));
    }
    if (space.indicator() != null) {
      text.append(", indicator: ").append(plain(space.indicator()));
    }
    if (!space.kinds().isEmpty()) {
      text.append(", kinds: [").append(String.join(", ", space.kinds())).append(']');
    }
    return text.append(" }").toString();
  }

  /** {@code text} as a YAML flow scalar: plain where YAML reads it back as the same string. */
  static String plain(String text) {
    boolean isString = Tag.STR.equals(new Resolver().resolve(NodeId.scalar, text, true));
    if (PLAIN.matcher(text).matches() && !text.endsWith(" ") && isString) {
      return text;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
