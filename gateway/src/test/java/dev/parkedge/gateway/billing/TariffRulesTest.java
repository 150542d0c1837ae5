package dev.parkedge.gateway.billing;

import static dev.parkedge.gateway.billing.TariffText.amount;
import static dev.parkedge.gateway.billing.TariffText.at;
import static dev.parkedge.gateway.billing.TariffText.berlin;
import static dev.parkedge.gateway.billing.TariffText.stay;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of named scenarios per rule kind: each row is a tariff, a stay and the fee the stay
 * must cost. Times are local to Europe/Berlin; 2026-05-04 is a Monday.
 */
class TariffRulesTest {

  /** A scenario: the stay on the tariff must cost {@code expected}. */
  record Row(
      String name,
      Tariff tariff,
      String entry,
      String exit,
      UnaryOperator<Stay> with,
      String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(String name, Tariff tariff, String entry, String exit, String expected) {
    return new Row(name, tariff, entry, exit, s -> s, expected);
  }

  static Row row(
      String name,
      Tariff tariff,
      String entry,
      String exit,
      UnaryOperator<Stay> with,
      String expected) {
    return new Row(name, tariff, entry, exit, with, expected);
  }

  private static Stream<Arguments> rows(Row... rows) {
    return Stream.of(rows).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({
    "firstPeriodThenPerStartedPeriod",
    "bandEdges",
    "beyondTheTable",
    "increments",
    "caps",
    "minimumCharge",
    "graceKinds",
    "timeBands",
    "products",
    "vehicleClasses",
    "pickupDropoff",
    "lostTicket",
    "validations",
    "tax",
    "currencies",
    "daylightSaving"
  })
  void charges_the_stay_as_the_tariff_says(Row row) {
    Stay stay = row.with().apply(stay(row.tariff(), row.entry(), row.exit()));

    Quote quote = row.tariff().quote(stay);

    assertThat(amount(quote)).as(String.join("\n", lines(quote))).isEqualTo(row.expected());
  }

  static List<String> lines(Quote quote) {
    return quote.trace().stream().map(l -> l.amountMinor() + "  " + l.text()).toList();
  }

  // --- first period, then per started period --------------------------------------------------

  static final Tariff FIRST_HOUR =
      berlin(
          """
          products:
            - id: hourly
              table:
                lines:
                  - { up_to: 1h, total: "2.00" }
                  - { every: 1h, each: "1.00" }
          """);

  static Stream<Arguments> firstPeriodThenPerStartedPeriod() {
    return rows(
        row(
            "59 minutes cost the first hour",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-04T09:59",
            "2.00"),
        row(
            "exactly one hour is the first hour",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-04T10:00",
            "2.00"),
        row(
            "one minute past the hour starts the second",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-04T10:01",
            "3.00"),
        row(
            "3 h 30 is the first hour and three started",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-04T12:30",
            "5.00"),
        row(
            "a stay of no time costs nothing",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-04T09:00",
            "0.00"),
        row(
            "across midnight the hours run on",
            FIRST_HOUR,
            "2026-05-04T22:30",
            "2026-05-05T01:00",
            "4.00"),
        row(
            "a 3-day stay is 72 hours",
            FIRST_HOUR,
            "2026-05-04T09:00",
            "2026-05-07T09:00",
            "73.00"));
  }

  // --- stepped bands with inclusive or exclusive edges ----------------------------------------

  static final String BANDS =
      """
          products:
            - id: bands
              table:
                lines:
                  - { up_to: 30m, total: "1.00" }
                  - { up_to: 1h, total: "2.00" }
                  - { up_to: 2h, total: "3.50" }
                  - { every: 1h, each: "1.00" }
          """;
  static final Tariff INCLUSIVE = berlin(BANDS);
  static final Tariff EXCLUSIVE = berlin("settings: { band_edges: exclusive }\n" + BANDS);
  static final Tariff WHOLE_MINUTES = berlin("settings: { seconds: ignore }\n" + BANDS);

  static Stream<Arguments> bandEdges() {
    return rows(
        row(
            "inclusive: exactly 30 min is up to 30 min",
            INCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T09:30",
            "1.00"),
        row(
            "inclusive: 31 min is in the next band",
            INCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T09:31",
            "2.00"),
        row(
            "inclusive: 30 min and 1 s counts the started minute",
            INCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T09:30:01",
            "2.00"),
        row(
            "inclusive: exactly 2 h is the 1-2 h band",
            INCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T11:00",
            "3.50"),
        row(
            "inclusive: 2 h 01 starts the hours after the table",
            INCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T11:01",
            "4.50"),
        row(
            "exclusive: exactly 30 min is already the next band",
            EXCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T09:30",
            "2.00"),
        row(
            "exclusive: 29 min is up to 30 min",
            EXCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T09:29",
            "1.00"),
        row(
            "exclusive: exactly 3 h has started the fourth hour",
            EXCLUSIVE,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            "5.50"),
        row(
            "seconds ignored: 30 min 59 s is 30 min",
            WHOLE_MINUTES,
            "2026-05-04T09:00",
            "2026-05-04T09:30:59",
            "1.00"),
        row(
            "seconds ignored: 31 min is the next band",
            WHOLE_MINUTES,
            "2026-05-04T09:00",
            "2026-05-04T09:31",
            "2.00"));
  }

  // --- beyond the table: each further day, or the table again --------------------------------

  static final Tariff DAY_PRICE =
      berlin(
          """
          products:
            - id: short
              table:
                lines:
                  - { up_to: 1h, total: "3.00" }
                  - { up_to: 24h, total: "20.00" }
                beyond: { every: 24h, each: "15.00" }
          """);
  static final Tariff REPEAT =
      berlin(
          """
          products:
            - id: short
              table:
                lines:
                  - { up_to: 1h, total: "3.00" }
                  - { up_to: 24h, total: "20.00" }
                beyond: { repeat: 24h }
          """);

  static Stream<Arguments> beyondTheTable() {
    return rows(
        row(
            "day price: exactly 24 h is the table",
            DAY_PRICE,
            "2026-05-04T09:00",
            "2026-05-05T09:00",
            "20.00"),
        row(
            "day price: 24 h 01 starts a further day",
            DAY_PRICE,
            "2026-05-04T09:00",
            "2026-05-05T09:01",
            "35.00"),
        row("day price: 3 days", DAY_PRICE, "2026-05-04T09:00", "2026-05-07T09:00", "50.00"),
        row(
            "repeat: 25 h is a day and the first hour again",
            REPEAT,
            "2026-05-04T09:00",
            "2026-05-05T10:00",
            "23.00"),
        row(
            "repeat: exactly 48 h is two days",
            REPEAT,
            "2026-05-04T09:00",
            "2026-05-06T09:00",
            "40.00"),
        row(
            "repeat: 48 h 01 starts the table a third time",
            REPEAT,
            "2026-05-04T09:00",
            "2026-05-06T09:01",
            "43.00"));
  }

  // --- small increments, charged at their start or end ---------------------------------------

  static final Tariff PER_3_MIN =
      berlin(
          """
          products:
            - id: started
              table:
                lines:
                  - { every: 3m, each: "0.10" }
          """);
  static final Tariff PER_FULL_15_MIN =
      berlin(
          """
          products:
            - id: full
              table:
                lines:
                  - { every: 15m, each: "0.50", charge_at: end }
          """);

  static Stream<Arguments> increments() {
    return rows(
        row(
            "per started 3 min: 10 min is 4 increments",
            PER_3_MIN,
            "2026-05-04T09:00",
            "2026-05-04T09:10",
            "0.40"),
        row(
            "per started 3 min: exactly 9 min is 3",
            PER_3_MIN,
            "2026-05-04T09:00",
            "2026-05-04T09:09",
            "0.30"),
        row(
            "per full 15 min: 44 min is 2",
            PER_FULL_15_MIN,
            "2026-05-04T09:00",
            "2026-05-04T09:44",
            "1.00"),
        row(
            "per full 15 min: 45 min is 3",
            PER_FULL_15_MIN,
            "2026-05-04T09:00",
            "2026-05-04T09:45",
            "1.50"));
  }

  // --- caps ------------------------------------------------------------------------------------

  static Tariff capped(String cap) {
    return berlin(
        """
        products:
          - id: hourly
            table:
              lines:
                - { every: 1h, each: "2.00" }
            caps:
              - %s
        """
            .formatted(cap));
  }

  static final Tariff CALENDAR_DAY = capped("{ max: \"10.00\", per: calendar_day }");
  static final Tariff ROLLING = capped("{ max: \"10.00\", per: rolling_24h }");
  static final Tariff CYCLE = capped("{ max: \"10.00\", per: cycle, reset: \"02:00\" }");
  static final Tariff SMALL_CYCLE = capped("{ max: \"3.00\", per: cycle, reset: \"02:00\" }");
  static final Tariff SMALL_CYCLE_ENDS =
      berlin(
          """
          settings: { straddling_increment: counts_where_it_ends }
          products:
            - id: hourly
              table:
                lines:
                  - { every: 1h, each: "2.00" }
              caps:
                - { max: "3.00", per: cycle, reset: "02:00" }
          """);
  static final Tariff ACROSS_VISITS =
      capped("{ max: \"10.00\", per: calendar_day, across_visits: true }");

  static Stream<Arguments> caps() {
    Tariff t = ACROSS_VISITS;
    return rows(
        row(
            "calendar day: under the cap",
            CALENDAR_DAY,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            "6.00"),
        row(
            "calendar day: a long day is capped",
            CALENDAR_DAY,
            "2026-05-04T08:00",
            "2026-05-04T18:00",
            "10.00"),
        row(
            "calendar day: 22:00 to 10:00 is 4.00 + capped 10.00",
            CALENDAR_DAY,
            "2026-05-04T22:00",
            "2026-05-05T10:00",
            "14.00"),
        row(
            "rolling 24 h: 22:00 to 10:00 is one window",
            ROLLING,
            "2026-05-04T22:00",
            "2026-05-05T10:00",
            "10.00"),
        row(
            "rolling 24 h: 28 h is a cap and 4 hours",
            ROLLING,
            "2026-05-04T08:00",
            "2026-05-05T12:00",
            "18.00"),
        row(
            "cycle from 02:00: 22:00 to 10:00 is 8.00 + capped 10.00",
            CYCLE,
            "2026-05-04T22:00",
            "2026-05-05T10:00",
            "18.00"),
        row(
            "an hour straddling the reset counts where it starts",
            SMALL_CYCLE,
            "2026-05-04T01:30",
            "2026-05-04T03:30",
            "4.00"),
        row(
            "an hour straddling the reset counts where it ends",
            SMALL_CYCLE_ENDS,
            "2026-05-04T01:30",
            "2026-05-04T03:30",
            "3.00"),
        row(
            "across visits: 6.00 paid earlier today leaves 4.00",
            t,
            "2026-05-04T14:00",
            "2026-05-04T18:00",
            s ->
                s.withEarlierVisits(
                    List.of(visit(t, "2026-05-04T08:00", "2026-05-04T11:00", "6.00"))),
            "4.00"),
        row(
            "across visits: a visit yesterday does not count",
            t,
            "2026-05-04T14:00",
            "2026-05-04T18:00",
            s ->
                s.withEarlierVisits(
                    List.of(visit(t, "2026-05-03T08:00", "2026-05-03T11:00", "6.00"))),
            "8.00"),
        row(
            "across visits: the cap already paid makes it free",
            t,
            "2026-05-04T14:00",
            "2026-05-04T18:00",
            s ->
                s.withEarlierVisits(
                    List.of(visit(t, "2026-05-04T08:00", "2026-05-04T13:00", "10.00"))),
            "0.00"));
  }

  static Stay.EarlierVisit visit(Tariff tariff, String entry, String exit, String paid) {
    return new Stay.EarlierVisit(
        at(tariff, entry), at(tariff, exit), Money.parse(paid, tariff.currency()));
  }

  // --- minimum charge --------------------------------------------------------------------------

  static final String MINIMUM =
      """
          validations:
            - { code: HALF, percent: 50%% }
          products:
            - id: hourly
              minimum: "3.00"
              table:
                lines:
                  - { every: 1h, each: "2.00" }
          """;
  static final Tariff MIN_BEFORE = berlin(MINIMUM.formatted());
  static final Tariff MIN_AFTER =
      berlin("settings: { minimum_charge: after_discounts }\n" + MINIMUM.formatted());

  static Stream<Arguments> minimumCharge() {
    return rows(
        row(
            "an hour is raised to the minimum",
            MIN_BEFORE,
            "2026-05-04T09:00",
            "2026-05-04T10:00",
            "3.00"),
        row("two hours are above it", MIN_BEFORE, "2026-05-04T09:00", "2026-05-04T11:00", "4.00"),
        row(
            "minimum before discounts: half of 3.00",
            MIN_BEFORE,
            "2026-05-04T09:00",
            "2026-05-04T10:00",
            s -> s.withValidations(List.of("HALF")),
            "1.50"),
        row(
            "minimum after discounts: raised back to 3.00",
            MIN_AFTER,
            "2026-05-04T09:00",
            "2026-05-04T10:00",
            s -> s.withValidations(List.of("HALF")),
            "3.00"));
  }

  // --- grace kinds -----------------------------------------------------------------------------

  static final String HOURLY_PRODUCT =
      """
          products:
            - id: hourly
              table:
                lines:
                  - { up_to: 1h, total: "2.00" }
                  - { every: 1h, each: "1.00" }
          """;
  static final Tariff TURNAROUND = berlin("grace: { turnaround: 10m }\n" + HOURLY_PRODUCT);
  static final Tariff CONTINUOUS = berlin("grace: { continuous: 15m }\n" + HOURLY_PRODUCT);
  static final Tariff CONTINUOUS_FROM_END =
      berlin(
          "settings: { continuous_grace_from: end }\ngrace: { continuous: 15m }\n"
              + HOURLY_PRODUCT);
  static final Tariff EXIT_GRACE = berlin("grace: { exit_after_payment: 15m }\n" + HOURLY_PRODUCT);
  static final String QUARTERS =
      """
          grace: { booking_early: 30m, booking_late: 15m }
          products:
            - id: quarters
              table:
                lines:
                  - { every: 15m, each: "0.50" }
          """;
  static final Tariff BOOKING = berlin(QUARTERS);
  static final Tariff BOOKING_FROM_GRACE =
      berlin("settings: { booking_overstay_from: grace_end }\n" + QUARTERS);

  static UnaryOperator<Stay> booked(Tariff tariff, String start, String end) {
    return s -> s.withBooking(new Stay.Booking(at(tariff, start), at(tariff, end)));
  }

  static Stream<Arguments> graceKinds() {
    return rows(
        row(
            "turnaround: 10 min is free",
            TURNAROUND,
            "2026-05-04T09:00",
            "2026-05-04T09:10",
            "0.00"),
        row(
            "turnaround: 11 min pays the whole stay",
            TURNAROUND,
            "2026-05-04T09:00",
            "2026-05-04T09:11",
            "2.00"),
        row(
            "continuous: 1 h 15 is charged as 1 h",
            CONTINUOUS,
            "2026-05-04T09:00",
            "2026-05-04T10:15",
            "2.00"),
        row(
            "continuous: 1 h 16 is charged as 1 h 01",
            CONTINUOUS,
            "2026-05-04T09:00",
            "2026-05-04T10:16",
            "3.00"),
        row(
            "continuous: 10 min is nothing left to charge",
            CONTINUOUS,
            "2026-05-04T09:00",
            "2026-05-04T09:10",
            "0.00"),
        row(
            "continuous from the end: the same amount",
            CONTINUOUS_FROM_END,
            "2026-05-04T09:00",
            "2026-05-04T10:16",
            "3.00"),
        row(
            "exit grace: left 10 min after paying, charged until the payment",
            EXIT_GRACE,
            "2026-05-04T09:00",
            "2026-05-04T11:10",
            s -> s.withPaymentAt(at(EXIT_GRACE, "2026-05-04T11:00")),
            "3.00"),
        row(
            "exit grace: left 20 min after paying, the whole stay",
            EXIT_GRACE,
            "2026-05-04T09:00",
            "2026-05-04T11:20",
            s -> s.withPaymentAt(at(EXIT_GRACE, "2026-05-04T11:00")),
            "4.00"),
        row(
            "booking: 20 min early and 10 min late is within grace",
            BOOKING,
            "2026-05-04T09:40",
            "2026-05-04T14:10",
            booked(BOOKING, "2026-05-04T10:00", "2026-05-04T14:00"),
            "0.00"),
        row(
            "booking: 40 min late pays from the booked end",
            BOOKING,
            "2026-05-04T10:00",
            "2026-05-04T14:40",
            booked(BOOKING, "2026-05-04T10:00", "2026-05-04T14:00"),
            "1.50"),
        row(
            "booking: 40 min late pays from the end of grace",
            BOOKING_FROM_GRACE,
            "2026-05-04T10:00",
            "2026-05-04T14:40",
            booked(BOOKING_FROM_GRACE, "2026-05-04T10:00", "2026-05-04T14:00"),
            "1.00"),
        row(
            "booking: an hour early pays the hour",
            BOOKING,
            "2026-05-04T09:00",
            "2026-05-04T14:00",
            booked(BOOKING, "2026-05-04T10:00", "2026-05-04T14:00"),
            "2.00"));
  }

  // --- time bands ------------------------------------------------------------------------------

  static final String DAY_NIGHT =
      """
          products:
            - id: banded
              time_bands:
                - { name: day, from: "08:00", to: "20:00", every: 1h, each: "10.00", cap: "40.00" }
                - { name: night, from: "20:00", to: "08:00", every: 1h, each: "1.00" }
          """;
  static final Tariff BANDED = berlin(DAY_NIGHT);
  static final Tariff BANDED_FROM_ENTRY =
      berlin("settings: { band_increments: continue_from_entry }\n" + DAY_NIGHT);

  static Stream<Arguments> timeBands() {
    return rows(
        row("two day hours", BANDED, "2026-05-04T10:00", "2026-05-04T12:00", "20.00"),
        row(
            "the day band is capped at 40",
            BANDED,
            "2026-05-04T08:00",
            "2026-05-04T19:00",
            "40.00"),
        row(
            "a stay split across bands: 2 day + 3 night hours",
            BANDED,
            "2026-05-04T18:00",
            "2026-05-04T23:00",
            "23.00"),
        row(
            "the night band crosses midnight",
            BANDED,
            "2026-05-04T22:00",
            "2026-05-05T07:00",
            "9.00"),
        row("night, capped day, night", BANDED, "2026-05-04T07:00", "2026-05-04T21:00", "42.00"),
        row(
            "3 days: three capped days and the nights",
            BANDED,
            "2026-05-04T08:00",
            "2026-05-07T08:00",
            "156.00"),
        row(
            "restart at the band edge: half an hour on each side",
            BANDED,
            "2026-05-04T19:30",
            "2026-05-04T20:30",
            "11.00"),
        row(
            "continue from entry: the hour counts where it starts",
            BANDED_FROM_ENTRY,
            "2026-05-04T19:30",
            "2026-05-04T20:30",
            "10.00"),
        row(
            "continue from entry: the hour started at 07:30 is a night hour",
            BANDED_FROM_ENTRY,
            "2026-05-04T07:30",
            "2026-05-04T08:30",
            "1.00"));
  }

  // --- products: cheapest or priority, windows, holidays ---------------------------------------

  static final String PRODUCTS =
      """
          holidays: [2026-12-25]
          products:
            - id: early_bird
              days: [mon, tue, wed, thu, fri]
              entry: { from: "05:00", to: "07:00" }
              exit_by: "15:00"
              flat: "9.00"
            - id: evening
              entry: { from: "19:00", to: "02:00" }
              exit_by: "06:00 next day"
              flat: "5.00"
            - id: sunday
              days: [sun, holiday]
              exit_by: "24:00"
              flat: "4.00"
            - id: hourly
              table:
                lines:
                  - { every: 1h, each: "2.00" }
          """;
  static final Tariff CHEAPEST = berlin(PRODUCTS);
  static final Tariff PRIORITY = berlin("settings: { product_choice: priority }\n" + PRODUCTS);
  static final Tariff HOLIDAY_IS_WEEKDAY =
      berlin("settings: { product_choice: priority, holidays_match_weekday: true }\n" + PRODUCTS);

  static Stream<Arguments> products() {
    return rows(
        row(
            "early bird: in by 07:00, out by 15:00",
            CHEAPEST,
            "2026-05-04T06:45",
            "2026-05-04T14:30",
            "9.00"),
        row(
            "early bird: in at 07:00 exactly",
            CHEAPEST,
            "2026-05-04T07:00",
            "2026-05-04T14:30",
            "9.00"),
        row(
            "early bird: in at 07:01 pays by the hour",
            CHEAPEST,
            "2026-05-04T07:01",
            "2026-05-04T14:30",
            "16.00"),
        row(
            "early bird: out at 15:01 pays by the hour",
            CHEAPEST,
            "2026-05-04T06:45",
            "2026-05-04T15:01",
            "18.00"),
        row(
            "cheapest: a short early stay pays by the hour",
            CHEAPEST,
            "2026-05-04T06:00",
            "2026-05-04T07:00",
            "2.00"),
        row(
            "priority: the first eligible product even if dearer",
            PRIORITY,
            "2026-05-04T06:00",
            "2026-05-04T07:00",
            "9.00"),
        row(
            "evening: in at 20:00, out 05:30",
            CHEAPEST,
            "2026-05-04T20:00",
            "2026-05-05T05:30",
            "5.00"),
        row(
            "evening: in after midnight counts for the evening before",
            CHEAPEST,
            "2026-05-05T01:00",
            "2026-05-05T05:30",
            "5.00"),
        row(
            "evening: out at 06:01 pays by the hour",
            CHEAPEST,
            "2026-05-04T20:00",
            "2026-05-05T06:01",
            "22.00"),
        row("Sunday flat", CHEAPEST, "2026-05-10T10:00", "2026-05-10T18:00", "4.00"),
        row(
            "early bird is not on Saturdays",
            CHEAPEST,
            "2026-05-09T06:45",
            "2026-05-09T14:30",
            "16.00"),
        row(
            "a public holiday (a Friday) takes the Sunday price",
            CHEAPEST,
            "2026-12-25T06:45",
            "2026-12-25T14:30",
            "4.00"),
        row(
            "priority: a holiday is not its weekday, so Sunday prices",
            PRIORITY,
            "2026-12-25T06:45",
            "2026-12-25T14:30",
            "4.00"),
        row(
            "priority: a holiday matching its weekday is an early bird first",
            HOLIDAY_IS_WEEKDAY,
            "2026-12-25T06:45",
            "2026-12-25T14:30",
            "9.00"));
  }

  // --- vehicle classes -------------------------------------------------------------------------

  static final Tariff CLASSES =
      berlin(
          """
          classes: [car, motorcycle, large_vehicle]
          products:
            - id: car
              classes: [car]
              table: { lines: [ { every: 1h, each: "2.00" } ] }
            - id: motorcycle
              classes: [motorcycle]
              table: { lines: [ { every: 1h, each: "0.50" } ] }
            - id: large
              classes: [large_vehicle]
              table: { lines: [ { every: 1h, each: "5.00" } ] }
          """);

  static Stream<Arguments> vehicleClasses() {
    return rows(
        row(
            "the default class is the first: car",
            CLASSES,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            "6.00"),
        row(
            "a motorcycle has its own table",
            CLASSES,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            s -> s.withVehicleClass("motorcycle"),
            "1.50"),
        row(
            "a large vehicle has its own table",
            CLASSES,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            s -> s.withVehicleClass("large_vehicle"),
            "15.00"));
  }

  // --- free pick-up / drop-off windows ---------------------------------------------------------

  static final Tariff SCHOOL_RUN =
      berlin(
          """
          pickup_dropoff:
            - { from: "07:30", to: "08:30", days: [mon, tue, wed, thu, fri], max: 10m }
          """
              + HOURLY_PRODUCT);

  static Stream<Arguments> pickupDropoff() {
    return rows(
        row(
            "8 minutes in the window on a Monday are free",
            SCHOOL_RUN,
            "2026-05-04T07:40",
            "2026-05-04T07:48",
            "0.00"),
        row(
            "12 minutes is longer than the free stop",
            SCHOOL_RUN,
            "2026-05-04T07:40",
            "2026-05-04T07:52",
            "2.00"),
        row(
            "leaving after the window is charged",
            SCHOOL_RUN,
            "2026-05-04T08:25",
            "2026-05-04T08:33",
            "2.00"),
        row("not on Saturdays", SCHOOL_RUN, "2026-05-09T07:40", "2026-05-09T07:48", "2.00"));
  }

  // --- lost ticket -----------------------------------------------------------------------------

  static Tariff lost(String mode) {
    return berlin("lost_ticket: { price: \"20.00\", mode: " + mode + " }\n" + HOURLY_PRODUCT);
  }

  static Stream<Arguments> lostTicket() {
    UnaryOperator<Stay> lost = s -> s.withLostTicket(true);
    return rows(
        row(
            "replaces: the fee whatever the stay",
            lost("replaces"),
            "2026-05-04T09:00",
            "2026-05-04T09:30",
            lost,
            "20.00"),
        row(
            "adds: stay plus fee",
            lost("adds"),
            "2026-05-04T09:00",
            "2026-05-04T11:30",
            lost,
            "24.00"),
        row(
            "at least: a short stay pays the fee",
            lost("at_least"),
            "2026-05-04T09:00",
            "2026-05-04T11:30",
            lost,
            "20.00"),
        row(
            "at least: a long stay pays the stay",
            lost("at_least"),
            "2026-05-04T08:00",
            "2026-05-05T08:00",
            lost,
            "25.00"),
        row(
            "not lost: the stay",
            lost("replaces"),
            "2026-05-04T09:00",
            "2026-05-04T09:30",
            "2.00"));
  }

  // --- validations and discounts ---------------------------------------------------------------

  static final Tariff VALIDATED =
      berlin(
          """
          validations:
            - { code: SHOP, off: "1.50", stackable: true }
            - { code: CAFE, off: "0.75", stackable: true }
            - { code: CINEMA, free: 3h }
            - { code: STAFF, percent: 50% }
          products:
            - id: hourly
              table:
                lines:
                  - { every: 1h, each: "2.00" }
          """);

  static UnaryOperator<Stay> codes(String... codes) {
    return s -> s.withValidations(List.of(codes));
  }

  static Stream<Arguments> validations() {
    Tariff t = VALIDATED;
    return rows(
        row("a fixed amount off", t, "2026-05-04T09:00", "2026-05-04T12:00", codes("SHOP"), "4.50"),
        row(
            "two stackable amounts off",
            t,
            "2026-05-04T09:00",
            "2026-05-04T12:00",
            codes("SHOP", "CAFE"),
            "3.75"),
        row(
            "a fixed amount never below zero",
            t,
            "2026-05-04T09:00",
            "2026-05-04T09:20",
            codes("SHOP", "CAFE"),
            "0.00"),
        row(
            "free time comes off the stay",
            t,
            "2026-05-04T18:00",
            "2026-05-04T22:30",
            codes("CINEMA"),
            "4.00"),
        row("a percentage off", t, "2026-05-04T09:00", "2026-05-04T12:00", codes("STAFF"), "3.00"),
        row(
            "not stackable: the better one alone (cinema)",
            t,
            "2026-05-04T18:00",
            "2026-05-04T22:30",
            codes("STAFF", "CINEMA"),
            "4.00"),
        row(
            "not stackable: the better one alone (staff)",
            t,
            "2026-05-04T09:00",
            "2026-05-04T19:00",
            codes("STAFF", "CINEMA"),
            "10.00"),
        row(
            "stackable ones together beat a lone one",
            t,
            "2026-05-04T09:00",
            "2026-05-04T11:00",
            codes("SHOP", "CAFE", "STAFF"),
            "1.75"));
  }

  // --- tax -------------------------------------------------------------------------------------

  static Stream<Arguments> tax() {
    Tariff included =
        TariffText.parse(
            "tariff: { id: t, name: T, timezone: Europe/Berlin, currency: EUR,"
                + " tax: { rate: 19%, prices: include } }\n"
                + HOURLY_PRODUCT);
    Tariff excluded =
        TariffText.parse(
            "tariff: { id: t, name: T, timezone: Europe/Berlin, currency: EUR,"
                + " tax: { rate: 19%, prices: exclude } }\n"
                + HOURLY_PRODUCT);
    return rows(
        row(
            "prices including VAT: the fee is the price",
            included,
            "2026-05-04T09:00",
            "2026-05-04T11:00",
            "3.00"),
        row(
            "prices excluding VAT: 19% is added",
            excluded, "2026-05-04T09:00", "2026-05-04T11:00", "3.57"));
  }

  // --- currencies with 0, 2 and 3 decimals -----------------------------------------------------

  static Stream<Arguments> currencies() {
    Tariff yen =
        TariffText.of(
            "Asia/Tokyo",
            "JPY",
            """
            validations: [ { code: HALF, percent: 50% } ]
            products:
              - id: coin
                table: { lines: [ { every: 30m, each: "300" } ] }
                caps: [ { max: "1500", per: calendar_day } ]
            """);
    Tariff dinar =
        TariffText.of(
            "Asia/Kuwait",
            "KWD",
            """
            validations: [ { code: THIRD, percent: 33.33% } ]
            products:
              - id: hourly
                table: { lines: [ { every: 1h, each: "0.250" } ] }
            """);
    return rows(
        row("yen: 90 minutes", yen, "2026-05-04T10:00", "2026-05-04T11:30", "900"),
        row("yen: capped per day", yen, "2026-05-04T10:00", "2026-05-04T20:00", "1500"),
        row(
            "yen: half of 900 rounds half up",
            yen,
            "2026-05-04T10:00",
            "2026-05-04T11:30",
            codes("HALF"),
            "450"),
        row(
            "dinar: three hours to the fils",
            dinar,
            "2026-05-04T10:00",
            "2026-05-04T13:00",
            "0.750"),
        row(
            "dinar: a third off 0.750, rounded to the fils",
            dinar,
            "2026-05-04T10:00",
            "2026-05-04T13:00",
            codes("THIRD"),
            "0.500"));
  }

  // --- daylight saving: Europe/Berlin and America/New_York -------------------------------------

  static final Tariff NEW_YORK_HOURLY =
      TariffText.of(
          "America/New_York",
          "USD",
          """
          products:
            - id: hourly
              table:
                lines:
                  - { every: 1h, each: "2.00" }
              caps:
                - { max: "30.00", per: calendar_day }
          """);
  static final Tariff NEW_YORK_BANDS =
      TariffText.of(
          "America/New_York",
          "USD",
          """
          products:
            - id: banded
              time_bands:
                - { name: day, from: "07:00", to: "19:00", every: 1h, each: "3.00" }
                - { name: night, from: "19:00", to: "07:00", every: 1h, each: "1.00" }
          """);
  static final Tariff BERLIN_HOURLY = capped("{ max: \"30.00\", per: calendar_day }");

  static Stream<Arguments> daylightSaving() {
    return rows(
        row(
            "Berlin spring: 01:30 to 03:30 is one real hour",
            BERLIN_HOURLY,
            "2026-03-29T01:30",
            "2026-03-29T03:30",
            "2.00"),
        row(
            "Berlin autumn: 01:30 to the second 02:30 is two real hours",
            BERLIN_HOURLY,
            "2026-10-25T01:30",
            "2026-10-25T02:30+01:00",
            "4.00"),
        row(
            "Berlin autumn: the repeated hour alone is charged once",
            BERLIN_HOURLY,
            "2026-10-25T02:00+02:00",
            "2026-10-25T02:59+02:00",
            "2.00"),
        row(
            "Berlin: the 23-hour day is capped once",
            BERLIN_HOURLY,
            "2026-03-29T00:00",
            "2026-03-30T00:00",
            "30.00"),
        row(
            "Berlin: the 25-hour day has 25 hours under the cap",
            BERLIN_HOURLY,
            "2026-10-24T00:00",
            "2026-10-26T00:00",
            "60.00"),
        row(
            "Berlin night band over spring forward: 20:00 to 08:00 is 11 hours",
            BANDED,
            "2026-03-28T20:00",
            "2026-03-29T08:00",
            "11.00"),
        row(
            "Berlin night band over fall back: 20:00 to 08:00 is 13 hours",
            BANDED,
            "2026-10-24T20:00",
            "2026-10-25T08:00",
            "13.00"),
        row(
            "New York spring: 01:30 to 03:30 is one real hour",
            NEW_YORK_HOURLY,
            "2026-03-08T01:30",
            "2026-03-08T03:30",
            "2.00"),
        row(
            "New York autumn: 00:30 to 02:30 is three real hours",
            NEW_YORK_HOURLY,
            "2026-11-01T00:30",
            "2026-11-01T02:30",
            "6.00"),
        row(
            "New York night over spring forward: 11 night hours",
            NEW_YORK_BANDS,
            "2026-03-07T19:00",
            "2026-03-08T07:00",
            "11.00"),
        row(
            "New York night over fall back: 13 night hours",
            NEW_YORK_BANDS,
            "2026-10-31T19:00",
            "2026-11-01T07:00",
            "13.00"),
        row(
            "New York: a weekend stay across spring forward",
            NEW_YORK_BANDS,
            "2026-03-07T12:00",
            "2026-03-08T12:00",
            "47.00"));
  }
}
