package dev.parkedge.gateway.billing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a product prices the charged time of a stay: a flat price, a table of durations (APDS: a rate
 * line collection of flat and incrementing rate lines), or time bands of the local day, each with
 * its own rate and cap.
 */
public sealed interface PriceRule {

  /** One price for the whole stay (early bird, evening, Sunday flat...). */
  record Flat(long priceMinor) implements PriceRule {
    public Flat {
      if (priceMinor < 0) {
        throw new IllegalArgumentException("a price cannot be negative");
      }
    }
  }

  /**
   * Lines by elapsed time from the start of the charged stay, then what happens beyond the last.
   */
  record DurationTable(List<TableLine> lines, Beyond beyond) implements PriceRule {
    public DurationTable {
      lines = List.copyOf(lines);
      Objects.requireNonNull(beyond, "beyond");
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("a table needs at least one line");
      }
    }

    /** Where the table ends, or empty when its last line runs on without end. */
    public Optional<Duration> end() {
      return lines.get(lines.size() - 1).upTo();
    }
  }

  /**
   * One line of a duration table. A {@code total} line (APDS flat rate) is the whole fee of a stay
   * that ends within it; an {@code each} line (APDS incrementing rate) adds {@code each} per
   * increment of {@code every} from where the previous line ended.
   *
   * @param upTo where the line ends (from the start of the stay); empty for an open last line
   * @param totalMinor for a total line, the fee; -1 for an each line
   * @param every for an each line, the increment
   * @param eachMinor for an each line, the price per increment
   * @param chargeAt whether an increment is charged when it starts or only when it is complete
   */
  record TableLine(
      Optional<Duration> upTo, long totalMinor, Duration every, long eachMinor, ChargeAt chargeAt) {

    public TableLine {
      Objects.requireNonNull(upTo, "upTo");
      Objects.requireNonNull(every, "every");
      Objects.requireNonNull(chargeAt, "chargeAt");
    }

    public static TableLine total(Duration upTo, long totalMinor) {
      return new TableLine(Optional.of(upTo), totalMinor, Duration.ZERO, 0, ChargeAt.START);
    }

    public static TableLine each(
        Optional<Duration> upTo, Duration every, long eachMinor, ChargeAt chargeAt) {
      return new TableLine(upTo, -1, every, eachMinor, chargeAt);
    }

    public boolean isTotal() {
      return totalMinor >= 0;
    }
  }

  /** When an increment is charged. */
  enum ChargeAt {
    /** As soon as it starts ("per started 15 min"): rounds the time up. */
    START,
    /** Only once it is complete ("per full 15 min"): rounds the time down. */
    END
  }

  /** What a stay longer than a bounded table costs. */
  sealed interface Beyond {}

  /** The table has an open last line, or stays beyond it are impossible. */
  record NoBeyond() implements Beyond {}

  /** The table applied again from its start for each further {@code every} (24 h). */
  record Repeat(Duration every) implements Beyond {}

  /** Each further started {@code every} beyond the table's end costs {@code eachMinor}. */
  record EachFurther(Duration every, long eachMinor) implements Beyond {}

  /**
   * Time bands of the local day, each pricing the real time of the stay inside it. Bands cover the
   * whole day without overlap; a free band is one with price 0.
   */
  record TimeBands(List<TimeBand> bands) implements PriceRule {
    public TimeBands {
      bands = List.copyOf(bands);
      if (bands.isEmpty()) {
        throw new IllegalArgumentException("time bands need at least one band");
      }
    }
  }

  /**
   * A band of the local day, e.g. night 20:00–08:00 at 1.00 per started hour.
   *
   * @param name e.g. {@code day}, {@code night}
   * @param fromMinute start, minutes after local midnight
   * @param toMinute end, minutes after local midnight; not after {@code fromMinute} means the band
   *     crosses midnight
   * @param every the increment (zero for a flat band)
   * @param eachMinor price per increment
   * @param flatMinor for a flat band, the price per occurrence; -1 otherwise
   * @param chargeAt when an increment is charged
   * @param capMinor the most one occurrence of the band costs, or -1 for none
   */
  record TimeBand(
      String name,
      int fromMinute,
      int toMinute,
      Duration every,
      long eachMinor,
      long flatMinor,
      ChargeAt chargeAt,
      long capMinor) {

    public TimeBand {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(every, "every");
      Objects.requireNonNull(chargeAt, "chargeAt");
    }

    public boolean isFlat() {
      return flatMinor >= 0;
    }

    public boolean crossesMidnight() {
      return toMinute <= fromMinute;
    }
  }
}
