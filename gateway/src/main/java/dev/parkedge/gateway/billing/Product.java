package dev.parkedge.gateway.billing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A product of a tariff (APDS: a rate table with its eligibility): who and which stays it is for,
 * how it prices them, and its caps and minimum.
 *
 * @param id e.g. {@code early_bird}
 * @param classes the vehicle classes it is for (empty: all)
 * @param window which stays it is for, by entry and exit time
 * @param price how it prices the charged time
 * @param caps maxima per window of time, applied in order after the price's own band caps
 * @param minimumMinor the least it charges (0: none)
 */
public record Product(
    String id,
    Set<String> classes,
    Window window,
    PriceRule price,
    List<Cap> caps,
    long minimumMinor) {

  public Product {
    Objects.requireNonNull(id, "id");
    classes = Set.copyOf(classes);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(price, "price");
    caps = List.copyOf(caps);
    if (minimumMinor < 0) {
      throw new IllegalArgumentException("a minimum cannot be negative");
    }
  }

  public boolean isFor(String vehicleClass) {
    return classes.isEmpty() || classes.contains(vehicleClass);
  }

  /**
   * Which stays a product is for. The product day is the local date of entry, or the day before
   * when the entry window crosses midnight and the entry is after midnight.
   *
   * @param days the product day must be one of these (empty: any)
   * @param entryFromMinute earliest entry, minutes after local midnight, or -1 for any
   * @param entryToMinute latest entry (inclusive), or -1 for any; before {@code entryFromMinute}
   *     means the window crosses midnight
   * @param exitBy the latest exit, if limited
   * @param maxStay the longest stay, if limited
   */
  public record Window(
      Set<Day> days,
      int entryFromMinute,
      int entryToMinute,
      Optional<ExitBy> exitBy,
      Optional<Duration> maxStay) {

    public static final Window ANY =
        new Window(Set.of(), -1, -1, Optional.empty(), Optional.empty());

    public Window {
      days = Set.copyOf(days);
      Objects.requireNonNull(exitBy, "exitBy");
      Objects.requireNonNull(maxStay, "maxStay");
      if ((entryFromMinute < 0) != (entryToMinute < 0)) {
        throw new IllegalArgumentException("an entry window needs both from and to");
      }
    }

    /** Whether this window admits every stay. */
    public boolean isAlways() {
      return days.isEmpty() && entryFromMinute < 0 && exitBy.isEmpty() && maxStay.isEmpty();
    }

    boolean entryCrossesMidnight() {
      return entryFromMinute >= 0 && entryToMinute < entryFromMinute;
    }
  }

  /**
   * The latest exit: a local time on the product day, or on a later day.
   *
   * @param minute minutes after local midnight (1440 for 24:00)
   * @param daysAfter 0 for the product day, 1 for the next day
   */
  public record ExitBy(int minute, int daysAfter) {
    public ExitBy {
      if (minute < 0 || minute > 24 * 60 || daysAfter < 0 || daysAfter > 7) {
        throw new IllegalArgumentException("exit_by out of range");
      }
    }
  }
}
