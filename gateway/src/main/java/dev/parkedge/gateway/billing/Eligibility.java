package dev.parkedge.gateway.billing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;

/** Decides whether a product's window admits a stay, and says why not when it does not. */
final class Eligibility {

  private final SiteTime time;
  private final Set<LocalDate> holidays;
  private final boolean holidaysMatchWeekday;

  Eligibility(SiteTime time, Set<LocalDate> holidays, boolean holidaysMatchWeekday) {
    this.time = time;
    this.holidays = holidays;
    this.holidaysMatchWeekday = holidaysMatchWeekday;
  }

  /** Empty when {@code window} admits a stay from {@code entry} to {@code exit}, else why not. */
  Optional<String> whyNot(Product.Window window, long entry, long exit) {
    if (window.isAlways()) {
      return Optional.empty();
    }
    LocalDateTime local = time.local(entry);
    int entryMinute = local.getHour() * 60 + local.getMinute();
    LocalDate productDay = local.toLocalDate();
    if (window.entryCrossesMidnight() && entryMinute <= window.entryToMinute()) {
      productDay = productDay.minusDays(1);
    }
    if (!window.days().isEmpty() && !matchesDay(window.days(), productDay)) {
      return Optional.of(
          "only on " + SiteTime.days(window.days()) + ", and " + dayName(productDay));
    }
    if (window.entryFromMinute() >= 0 && !entryFits(window, entryMinute)) {
      return Optional.of(
          "entry "
              + SiteTime.clock(entryMinute)
              + " is outside "
              + SiteTime.clock(window.entryFromMinute())
              + "–"
              + SiteTime.clock(window.entryToMinute()));
    }
    if (window.exitBy().isPresent()) {
      Product.ExitBy by = window.exitBy().get();
      long deadline = time.epoch(productDay.plusDays(by.daysAfter()), by.minute());
      if (exit > deadline) {
        return Optional.of(
            "exit "
                + time.format(exit)
                + " is after "
                + time.format(deadline)
                + " (exit "
                + SiteTime.exitBy(by)
                + ")");
      }
    }
    if (window.maxStay().isPresent() && exit - entry > window.maxStay().get().getSeconds()) {
      return Optional.of(
          "the stay is longer than " + SiteTime.duration(window.maxStay().get().getSeconds()));
    }
    return Optional.empty();
  }

  /** Whether {@code date} is one of {@code days}; a holiday is a holiday, not its weekday. */
  boolean matchesDay(Set<Day> days, LocalDate date) {
    if (holidays.contains(date)) {
      return days.contains(Day.HOLIDAY)
          || (holidaysMatchWeekday && days.contains(Day.of(date.getDayOfWeek())));
    }
    return days.contains(Day.of(date.getDayOfWeek()));
  }

  private String dayName(LocalDate date) {
    String weekday = TariffSettings.yamlName(Day.of(date.getDayOfWeek()));
    return date
        + " is "
        + (holidays.contains(date) ? "a holiday (" + weekday + ")" : "a " + weekday);
  }

  /** Entry within [from, to], both inclusive to the minute (07:00:59 is still "by 07:00"). */
  private static boolean entryFits(Product.Window window, int minute) {
    int from = window.entryFromMinute();
    int to = window.entryToMinute();
    if (window.entryCrossesMidnight()) {
      return minute >= from || minute <= to;
    }
    return minute >= from && minute <= to;
  }
}
