package dev.parkedge.gateway.transport.mqtt;

import java.util.Locale;

/**
 * Text from a message, made safe to put in a log line: cut to a length and with control characters
 * escaped, so a hostile payload can neither flood the log nor forge a line of it.
 */
final class Shown {

  private Shown() {}

  /** The text unquoted, escaped and cut to {@code max} characters (then "…"). */
  static String text(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int end = Math.min(text.length(), max);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > max) {
      out.append('…');
    }
    return out.toString();
  }

  /** The text in double quotes, escaped and cut to 40 characters. */
  static String quoted(String text) {
    return '"' + text(text.replace("\\", "\\\\").replace("\"", "\\\""), 40) + '"';
  }
}
