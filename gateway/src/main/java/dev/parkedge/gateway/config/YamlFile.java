package dev.parkedge.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into SnakeYAML nodes; a missing file or a syntax error is a ConfigException.
 */
final class YamlFile {

  private YamlFile() {}

  /**
   * The root node of {@code file}, or null for an empty file.
   *
   * @throws ConfigException naming the file (and the line, for syntax errors)
   */
  static Node read(Path file) throws ConfigException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return compose(file, reader);
    } catch (NoSuchFileException e) {
      throw notFound(file);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              ConfigException.problem(file, "cannot read " + file.toAbsolutePath() + ": " + e)));
    }
  }

  /**
   * The root node of {@code bytes}, the content of {@code file} read once by the caller (who also
   * hashes them), or null when empty.
   *
   * @throws ConfigException naming the file (and the line, for syntax errors)
   */
  static Node parse(Path file, byte[] bytes) throws ConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(ConfigException.problem(file, "not UTF-8 text")));
    }
    return compose(file, new StringReader(text));
  }

  private static Node compose(Path file, Reader reader) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(10);
    try {
      return new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      throw new ConfigException(List.of(syntaxError(file, e)));
    } catch (YAMLException e) {
      throw new ConfigException(
          List.of(ConfigException.problem(file, 1, "", "not YAML: " + e.getMessage())));
    }
  }

  static ConfigException notFound(Path file) {
    return new ConfigException(
        List.of(ConfigException.problem(file, "file not found: " + file.toAbsolutePath())));
  }

  private static String syntaxError(Path file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = mark == null ? 1 : mark.getLine() + 1;
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    if (e.getContext() != null && e.getProblem() != null) {
      problem = e.getContext() + ", " + e.getProblem();
    }
    return ConfigException.problem(file, line, "", "YAML syntax error: " + problem);
  }
}
