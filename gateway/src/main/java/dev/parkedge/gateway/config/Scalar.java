package dev.parkedge.gateway.config;

/**
 * One scalar value of a YAML file exactly as written (never a resolved type: an EUI such as {@code
 * 0004000000000001} stays text), with where it was written.
 *
 * @param value the raw text
 * @param line 1-based line
 * @param path the key path, e.g. {@code levels[0].zones[1].id}
 */
record Scalar(String value, int line, String path) {

  /** The value quoted for a message. */
  String quoted() {
    return "\"" + value + "\"";
  }
}
