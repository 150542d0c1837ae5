package dev.parkedge.gateway.billing;

import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * Every choice a published tariff leaves unsaid, made explicit. Each has a default, documented in
 * TARIFFS.md; a tariff file states the ones it needs otherwise under {@code settings:}.
 *
 * @param bandEdges whether a stay of exactly an edge (30 min on "up to 30 min") is in the lower
 *     band ({@code inclusive}, default) or already in the next ({@code exclusive}); the same rule
 *     decides whether an increment that has just begun is "started"
 * @param seconds whether a started minute counts ({@code count}, default) or durations are cut to
 *     whole minutes first ({@code ignore})
 * @param productChoice the cheapest eligible product ({@code cheapest}, default) or the first
 *     eligible in file order ({@code priority})
 * @param bandIncrements whether increments restart at each time-band edge ({@code
 *     restart_at_band_edge}, default) or run on from entry, each charged at the band where it
 *     starts ({@code continue_from_entry})
 * @param straddlingIncrement whether an increment that straddles a cap's reset counts in the window
 *     where it starts ({@code counts_where_it_starts}, default) or where it ends
 * @param continuousGraceFrom whether continuous grace and free-minute validations come off the
 *     start of the stay ({@code start}, default) or its end
 * @param minimumCharge whether a product's minimum applies before discounts ({@code
 *     before_discounts}, default) or to the fee after them
 * @param holidaysMatchWeekday whether a public holiday also counts as its weekday (default false: a
 *     holiday Monday is a {@code holiday}, not a {@code mon})
 * @param rounding how percentages (discounts, tax) round to the minor unit (default {@code
 *     half_up})
 * @param bookingOverstayFrom whether an overstay beyond the booking's late grace is charged from
 *     the booked end ({@code booked_time}, default) or from the end of the grace
 * @param earlierVisitsCountAt which cap window an earlier visit's charge counts in: the one its
 *     exit is in ({@code exit}, default) or its entry
 * @param defaultClass the vehicle class of a stay that names none (default: the first class)
 */
public record TariffSettings(
    BandEdges bandEdges,
    Seconds seconds,
    ProductChoice productChoice,
    BandIncrements bandIncrements,
    Straddling straddlingIncrement,
    GraceFrom continuousGraceFrom,
    MinimumCharge minimumCharge,
    boolean holidaysMatchWeekday,
    RoundingMode rounding,
    OverstayFrom bookingOverstayFrom,
    VisitCountsAt earlierVisitsCountAt,
    String defaultClass) {

  public TariffSettings {
    Objects.requireNonNull(bandEdges, "bandEdges");
    Objects.requireNonNull(seconds, "seconds");
    Objects.requireNonNull(productChoice, "productChoice");
    Objects.requireNonNull(bandIncrements, "bandIncrements");
    Objects.requireNonNull(straddlingIncrement, "straddlingIncrement");
    Objects.requireNonNull(continuousGraceFrom, "continuousGraceFrom");
    Objects.requireNonNull(minimumCharge, "minimumCharge");
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(bookingOverstayFrom, "bookingOverstayFrom");
    Objects.requireNonNull(earlierVisitsCountAt, "earlierVisitsCountAt");
    Objects.requireNonNull(defaultClass, "defaultClass");
  }

  /** The defaults, with {@code defaultClass} as the default class. */
  public static TariffSettings defaults(String defaultClass) {
    return new TariffSettings(
        BandEdges.INCLUSIVE,
        Seconds.COUNT,
        ProductChoice.CHEAPEST,
        BandIncrements.RESTART_AT_BAND_EDGE,
        Straddling.COUNTS_WHERE_IT_STARTS,
        GraceFrom.START,
        MinimumCharge.BEFORE_DISCOUNTS,
        false,
        RoundingMode.HALF_UP,
        OverstayFrom.BOOKED_TIME,
        VisitCountsAt.EXIT,
        defaultClass);
  }

  /**
   * The name of an enum constant in a tariff file: lower case, e.g. {@code counts_where_it_starts}.
   */
  public static String yamlName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public enum BandEdges {
    INCLUSIVE,
    EXCLUSIVE
  }

  public enum Seconds {
    COUNT,
    IGNORE
  }

  public enum ProductChoice {
    CHEAPEST,
    PRIORITY
  }

  public enum BandIncrements {
    RESTART_AT_BAND_EDGE,
    CONTINUE_FROM_ENTRY
  }

  public enum Straddling {
    COUNTS_WHERE_IT_STARTS,
    COUNTS_WHERE_IT_ENDS
  }

  public enum GraceFrom {
    START,
    END
  }

  public enum MinimumCharge {
    BEFORE_DISCOUNTS,
    AFTER_DISCOUNTS
  }

  public enum OverstayFrom {
    BOOKED_TIME,
    GRACE_END
  }

  public enum VisitCountsAt {
    EXIT,
    ENTRY
  }
}
