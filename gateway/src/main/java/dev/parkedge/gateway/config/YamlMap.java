package dev.parkedge.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read through SnakeYAML's node API, so that every value keeps its line. Unknown and
 * repeated keys are reported when it is opened; values of the wrong shape when they are asked for.
 * A key whose value is empty or {@code null} counts as absent.
 */
final class YamlMap {

  private final String path;
  private final int line;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(String path, int line, Problems problems) {
    this.path = path;
    this.line = line;
    this.problems = problems;
  }

  /**
   * Opens {@code node} as a mapping with the given known keys. A missing node (an empty document)
   * is an empty mapping; anything but a mapping is reported and read as an empty mapping.
   */
  static YamlMap open(Node node, String path, Problems problems, List<String> known) {
    if (node == null || isNull(node)) {
      return new YamlMap(path, node == null ? 1 : lineOf(node), problems);
    }
    YamlMap map = new YamlMap(path, lineOf(node), problems);
    if (!(node instanceof MappingNode mapping)) {
      problems.add(lineOf(node), path, "expected a mapping (key: value), got " + shape(node));
      return map;
    }
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        problems.add(lineOf(keyNode), path, "a key must be a plain name, got " + shape(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      Integer earlier = firstLine.putIfAbsent(key, lineOf(keyNode));
      if (earlier != null) {
        problems.add(
            lineOf(keyNode), map.path(key), "key given twice (first at line " + earlier + ")");
      } else if (!known.contains(key)) {
        problems.add(
            lineOf(keyNode),
            path,
            "unknown key \"" + key + "\" (known: " + String.join(", ", known) + ")");
      } else {
        map.entries.put(key, tuple);
      }
    }
    return map;
  }

  /** The 1-based line where this mapping starts. */
  int line() {
    return line;
  }

  String path() {
    return path;
  }

  /** The key path of one of this mapping's keys. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value node of {@code key}, unless it is absent, empty or null. */
  Optional<Node> node(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  /** The line of {@code key} if it is present, else the line of this mapping. */
  int lineOf(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? line : lineOf(tuple.getKeyNode());
  }

  /** The value of {@code key} as text, reporting a list or mapping given instead. */
  Optional<Scalar> scalar(String key) {
    return node(key).flatMap(value -> scalar(value, path(key), problems));
  }

  /** Like {@link #scalar(String)}, but reports a missing value. */
  Optional<Scalar> required(String key) {
    Optional<Scalar> value = scalar(key);
    if (value.isEmpty() && node(key).isEmpty()) {
      problems.add(lineOf(key), path(key), "required");
    }
    return value;
  }

  /** The mapping under {@code key}, empty when the key is absent. */
  YamlMap map(String key, List<String> known) {
    return node(key)
        .map(value -> open(value, path(key), problems, known))
        .orElseGet(() -> new YamlMap(path(key), lineOf(key), problems));
  }

  /** The items of the list under {@code key}, empty when the key is absent. */
  List<Node> list(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.add(lineOf(value.get()), path(key), "expected a list, got " + shape(value.get()));
      return List.of();
    }
    return new ArrayList<>(sequence.getValue());
  }

  /** {@code node} as text, or a problem when it is a list or mapping. */
  static Optional<Scalar> scalar(Node node, String path, Problems problems) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(new Scalar(scalar.getValue(), lineOf(node), path));
    }
    problems.add(lineOf(node), path, "expected a single value, got " + shape(node));
    return Optional.empty();
  }

  /** The 1-based line a node starts on. */
  static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String shape(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return Scalar.quote(((ScalarNode) node).getValue());
  }
}
