package dev.parkedge.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: a number and a unit ({@code 0s}, {@code 250ms},
 * {@code 90s}, {@code 15m}, {@code 4h}, {@code 1d}), or several in a row ({@code 1h30m}).
 */
public final class Durations {

  static final String EXAMPLES = "write e.g. 250ms, 90s, 15m, 4h, 1d or 1h30m";

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message that quotes the text and says what to write
   */
  public static Duration parse(String text) {
    String value = text.strip();
    if (value.startsWith("-")) {
      throw new IllegalArgumentException(
          Scalar.quote(text) + " is negative; a duration is 0 or more (" + EXAMPLES + ")");
    }
    if (value.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(Scalar.quote(text) + " has no unit (" + EXAMPLES + ")");
    }
    if (!WHOLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          Scalar.quote(text) + " is not a duration (" + EXAMPLES + ")");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(value);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(of(amount, part.group(2)));
    }
    return total;
  }

  /** The shortest way to write {@code duration} in the same notation, e.g. {@code 1h30m}. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long days = duration.toDays();
    append(text, days, "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }

  private static Duration of(long amount, String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
