package dev.parkedge.gateway.config;

import java.util.Locale;

/**
 * One scalar value of a YAML file exactly as written (never a resolved type: an EUI such as {@code
 * 0004000000000001} stays text), with where it was written.
 *
 * @param value the raw text
 * @param line 1-based line
 * @param path the key path, e.g. {@code levels[0].zones[1].id}
 */
record Scalar(String value, int line, String path) {

  /** The longest value a message quotes whole. */
  static final int QUOTED_MAX = 60;

  /** The value quoted for a message. */
  String quoted() {
    return quote(value);
  }

  /**
   * Text a user wrote, quoted for a message: whole up to {@link #QUOTED_MAX} characters, else its
   * start and its length (a file that is not a configuration at all, say {@code /etc/passwd}, reads
   * as one long scalar, which a message must not repeat whole).
   */
  static String quote(String text) {
    if (text.length() <= QUOTED_MAX) {
      return "\"" + text + "\"";
    }
    return String.format(
        Locale.ROOT, "\"%s…\" (%,d characters)", text.substring(0, QUOTED_MAX - 1), text.length());
  }
}
