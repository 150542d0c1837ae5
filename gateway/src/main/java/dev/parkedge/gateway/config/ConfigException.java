package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A configuration file that cannot be used. Each problem names file, line and key, e.g. {@code
 * site.yaml:14: levels[0].zones[0].spaces[2].sensor: "70b3" is not an EUI-64 (16 hex digits)}.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public static ConfigException of(Path file, int line, String key, String problem) {
    return new ConfigException(List.of(problem(file, line, key, problem)));
  }

  /** One problem in the standard form {@code file:line: key: problem}. */
  public static String problem(Path file, int line, String key, String problem) {
    return file.getFileName() + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + problem;
  }

  /** A problem with a file as a whole, e.g. {@code gateway.yaml: file not found: /etc/x.yaml}. */
  public static String problem(Path file, String problem) {
    return file.getFileName() + ": " + problem;
  }

  /** Every problem found, one line each. */
  public List<String> problems() {
    return problems;
  }
}
