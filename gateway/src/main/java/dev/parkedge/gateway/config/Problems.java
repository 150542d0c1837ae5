package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one file, each in the form {@code file:line: key: problem}. */
final class Problems {

  private final Path file;
  private final List<String> lines = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Records a problem at a 1-based line. */
  void add(int line, String key, String problem) {
    lines.add(ConfigException.problem(file, line, key, problem));
  }

  void add(Scalar scalar, String problem) {
    add(scalar.line(), scalar.path(), problem);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** Throws every problem recorded so far as one exception. */
  void throwIfAny() throws ConfigException {
    if (!lines.isEmpty()) {
      throw new ConfigException(lines);
    }
  }
}
