package dev.parkedge.gateway.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps as network servers write them into every uplink ({@code
 * 2024-05-14T06:01:58.398Z}, {@code 2022-07-18T09:34:15.775023242+00:00}), read with the JDK's
 * meaning and the JDK's errors, but the common shape without {@code DateTimeFormatter}'s machinery:
 * parsing the uplink's time through {@link OffsetDateTime#parse} was a quarter of the MQTT thread's
 * work in a burst of uplinks after a start (see DESIGN-DECISIONS).
 *
 * <p>Only text in exactly the shape {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)} with values in range
 * is read here; everything else (no seconds, a lower-case {@code t}, an offset with seconds, a leap
 * second, a 30th of February, garbage) goes to {@link OffsetDateTime#parse}, which accepts or
 * refuses it as it always has. {@code Rfc3339Test} holds the two to the same answers.
 */
public final class Rfc3339 {

  private Rfc3339() {}

  /**
   * The instant the text names.
   *
   * @throws DateTimeParseException as {@link OffsetDateTime#parse} throws it
   */
  public static Instant parse(CharSequence text) {
    Instant instant = common(text);
    return instant != null ? instant : OffsetDateTime.parse(text).toInstant();
  }

  /** The instant of a timestamp in the common shape, or null if it is not in that shape. */
  static Instant common(CharSequence t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
        nanos = nanos * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start || (i < n && isDigit(t.charAt(i)))) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && t.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int offsetHours = digits(t, i + 1, 2);
      int offsetMinutes = digits(t, i + 4, 2);
      if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The number written in {@code count} decimal digits from {@code from}, or -1. */
  private static int digits(CharSequence t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
