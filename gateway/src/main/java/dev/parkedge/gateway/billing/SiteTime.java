package dev.parkedge.gateway.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The site's local time, for one tariff: instants (epoch seconds, UTC) to local dates and back, and
 * the way a trace writes times, durations and days. Local times that do not exist (the hour skipped
 * in spring) resolve to the same time after the gap; times that happen twice, to the first.
 */
final class SiteTime {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final ZoneId zone;

  SiteTime(ZoneId zone) {
    this.zone = zone;
  }

  ZoneId zone() {
    return zone;
  }

  /** The instant of {@code minute} minutes after midnight of {@code date} (1440: next midnight). */
  long epoch(LocalDate date, int minute) {
    LocalDate day = minute >= 24 * 60 ? date.plusDays(1) : date;
    int m = minute % (24 * 60);
    return day.atTime(m / 60, m % 60).atZone(zone).toEpochSecond();
  }

  LocalDateTime local(long epochSecond) {
    ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
    return LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
  }

  LocalDate date(long epochSecond) {
    return local(epochSecond).toLocalDate();
  }

  /** E.g. {@code 2026-03-28 22:30}. */
  String format(long epochSecond) {
    return LOCAL.format(local(epochSecond));
  }

  /** E.g. {@code 2026-03-28 22:30–2026-03-29 08:00}, or {@code ...–08:00} on the same day. */
  String span(long from, long to) {
    String start = format(from);
    String end = format(to);
    if (end.regionMatches(0, start, 0, 11)) {
      end = end.substring(11);
    }
    return start + "–" + end;
  }

  /** E.g. {@code 07:30}, {@code 24:00}. */
  static String clock(int minute) {
    return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }

  /** E.g. {@code 1h30m}, {@code 45m}, {@code 2d}, {@code 0s}. */
  static String duration(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      text.append(days).append('d');
    }
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (secs > 0) {
      text.append(secs).append('s');
    }
    return text.toString();
  }

  /** E.g. {@code mon, tue, holiday}. */
  static String days(Set<Day> days) {
    return days.stream().sorted().map(TariffSettings::yamlName).collect(Collectors.joining(", "));
  }

  /** E.g. {@code 06:00 next day}. */
  static String exitBy(Product.ExitBy by) {
    String time = clock(by.minute());
    if (by.daysAfter() == 0) {
      return "by " + time;
    }
    return "by " + time + (by.daysAfter() == 1 ? " next day" : " +" + by.daysAfter() + " days");
  }
}
