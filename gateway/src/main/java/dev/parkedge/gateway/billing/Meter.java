package dev.parkedge.gateway.billing;

import dev.parkedge.gateway.billing.PriceRule.ChargeAt;
import dev.parkedge.gateway.billing.PriceRule.DurationTable;
import dev.parkedge.gateway.billing.PriceRule.EachFurther;
import dev.parkedge.gateway.billing.PriceRule.Flat;
import dev.parkedge.gateway.billing.PriceRule.Repeat;
import dev.parkedge.gateway.billing.PriceRule.TableLine;
import dev.parkedge.gateway.billing.PriceRule.TimeBand;
import dev.parkedge.gateway.billing.PriceRule.TimeBands;
import dev.parkedge.gateway.billing.TariffSettings.BandEdges;
import dev.parkedge.gateway.billing.TariffSettings.BandIncrements;
import dev.parkedge.gateway.billing.TariffSettings.Straddling;
import java.time.LocalDate;
import java.util.List;

/**
 * Meters the charged time of a stay against a price rule: every period, band and increment becomes
 * a charge at the instant it counts at. All durations are real elapsed seconds between instants, so
 * the hour skipped in spring is never charged and the hour repeated in autumn is charged as the
 * real hour it is; local times only place band edges and cap windows.
 */
final class Meter {

  private final SiteTime time;
  private final boolean exclusiveEdges;
  private final boolean continueFromEntry;
  private final boolean countWhereItEnds;

  Meter(SiteTime time, TariffSettings settings) {
    this.time = time;
    this.exclusiveEdges = settings.bandEdges() == BandEdges.EXCLUSIVE;
    this.continueFromEntry = settings.bandIncrements() == BandIncrements.CONTINUE_FROM_ENTRY;
    this.countWhereItEnds = settings.straddlingIncrement() == Straddling.COUNTS_WHERE_IT_ENDS;
  }

  /**
   * The charges of {@code rule} for the charged time [start, end]; band caps go to {@code hits}.
   */
  Charges meter(PriceRule rule, long start, long end, List<ProductPrice.CapHit> hits) {
    Charges charges = new Charges();
    if (rule instanceof Flat flat) {
      if (reached(end - start, 0)) {
        int g = charges.group("flat price", Charges.NO_TIME, 0, flat.priceMinor(), false);
        charges.add(start, flat.priceMinor(), g);
      }
    } else if (rule instanceof DurationTable table) {
      table(table, start, end, charges);
    } else if (rule instanceof TimeBands bands) {
      bands(bands, start, end, charges, hits);
    }
    charges.sortByTime();
    return charges;
  }

  /**
   * Whether a stay of {@code elapsed} seconds has reached the period starting at {@code offset}:
   * with inclusive edges it must be past it (a stay of exactly 30 min is still "up to 30 min"),
   * with exclusive edges at it.
   */
  private boolean reached(long elapsed, long offset) {
    return exclusiveEdges ? elapsed >= offset : elapsed > offset;
  }

  /** How many increments of {@code every} a stretch of {@code elapsed} seconds is charged. */
  private long increments(long elapsed, long every, ChargeAt chargeAt, boolean endsTheStay) {
    if (chargeAt == ChargeAt.END) {
      return elapsed / every;
    }
    if (exclusiveEdges && endsTheStay) {
      return elapsed / every + 1;
    }
    return elapsed <= 0 ? 0 : (elapsed + every - 1) / every;
  }

  private void table(DurationTable table, long start, long end, Charges charges) {
    long elapsed = end - start;
    if (table.beyond() instanceof Repeat repeat) {
      long cycle = repeat.every().getSeconds();
      for (long k = 0; k == 0 || reached(elapsed, k * cycle); k++) {
        long origin = start + k * cycle;
        String prefix = k == 0 ? "" : "again from " + time.format(origin) + ": ";
        lines(table.lines(), origin, Math.min(elapsed - k * cycle, cycle), charges, prefix);
      }
      return;
    }
    lines(table.lines(), start, elapsed, charges, "");
    if (table.beyond() instanceof EachFurther further) {
      long tableEnd = table.end().orElseThrow().getSeconds();
      if (reached(elapsed, tableEnd)) {
        long every = further.every().getSeconds();
        long n = increments(elapsed - tableEnd, every, ChargeAt.START, true);
        String text =
            "each further started "
                + SiteTime.duration(every)
                + " after "
                + SiteTime.duration(tableEnd);
        int g = charges.group(text, Charges.NO_TIME, 0, further.eachMinor(), true);
        for (long i = 0; i < n; i++) {
          long at = start + tableEnd + i * every + (countWhereItEnds ? every : 0);
          charges.add(at, further.eachMinor(), g);
        }
      }
    }
  }

  /** The lines of a table for a stay of {@code elapsed} seconds from {@code origin}. */
  private void lines(
      List<TableLine> lines, long origin, long elapsed, Charges charges, String prefix) {
    long value = 0;
    long lineStart = 0;
    for (TableLine line : lines) {
      if (!reached(elapsed, lineStart)) {
        return;
      }
      if (line.isTotal()) {
        long upTo = line.upTo().orElseThrow().getSeconds();
        String text =
            prefix
                + (lineStart == 0 ? "up to " : "over " + SiteTime.duration(lineStart) + " up to ")
                + SiteTime.duration(upTo)
                + (lineStart == 0 ? "" : " (%s in all)");
        int g = charges.group(text, Charges.NO_TIME, 0, line.totalMinor(), false);
        charges.add(origin + lineStart, line.totalMinor() - value, g);
        value = line.totalMinor();
        lineStart = upTo;
        continue;
      }
      long every = line.every().getSeconds();
      long span = line.upTo().map(u -> u.getSeconds()).orElse(Long.MAX_VALUE);
      long most = span == Long.MAX_VALUE ? Long.MAX_VALUE : (span - lineStart) / every;
      boolean endsHere = span == Long.MAX_VALUE || elapsed <= span;
      long n = Math.min(most, increments(elapsed - lineStart, every, line.chargeAt(), endsHere));
      if (n > 0) {
        String text =
            prefix
                + (line.chargeAt() == ChargeAt.START ? "each started " : "each full ")
                + SiteTime.duration(every)
                + (lineStart == 0 ? "" : " after " + SiteTime.duration(lineStart));
        int g = charges.group(text, Charges.NO_TIME, 0, line.eachMinor(), true);
        for (long i = 0; i < n; i++) {
          long at = origin + lineStart + i * every + (countWhereItEnds ? every : 0);
          charges.add(at, line.eachMinor(), g);
        }
        value += n * line.eachMinor();
      }
      if (n < most || span == Long.MAX_VALUE) {
        return;
      }
      lineStart = span;
    }
  }

  private void bands(
      TimeBands rule, long start, long end, Charges charges, List<ProductPrice.CapHit> hits) {
    List<TimeBand> bands = rule.bands();
    long total =
        continueFromEntry
            ? increments(
                end - start, bands.get(0).every().getSeconds(), bands.get(0).chargeAt(), true)
            : 0;
    LocalDate last = time.date(end);
    for (LocalDate date = time.date(start).minusDays(1);
        !date.isAfter(last);
        date = date.plusDays(1)) {
      for (TimeBand band : bands) {
        long from = time.epoch(date, band.fromMinute());
        long to = time.epoch(band.crossesMidnight() ? date.plusDays(1) : date, band.toMinute());
        if (to <= start || from > end) {
          continue;
        }
        int first = charges.size;
        if (continueFromEntry) {
          fromEntry(band, from, to, start, end, total, charges);
        } else {
          restarting(band, Math.max(from, start), Math.min(to, end), end <= to, charges);
        }
        if (band.capMinor() >= 0) {
          capOccurrence(band, from, to, first, charges, hits);
        }
      }
    }
  }

  /** A band occurrence whose increments start at its own edge (or at entry). */
  private void restarting(TimeBand band, long a, long b, boolean endsTheStay, Charges charges) {
    if (b <= a) {
      return;
    }
    if (band.isFlat()) {
      int g = charges.group(band.name() + " flat", a, b, band.flatMinor(), false);
      charges.add(a, band.flatMinor(), g);
      return;
    }
    long every = band.every().getSeconds();
    long n = increments(b - a, every, band.chargeAt(), endsTheStay);
    if (n == 0) {
      return;
    }
    int g = charges.group(bandText(band), a, b, band.eachMinor(), true);
    for (long i = 0; i < n; i++) {
      charges.add(a + i * every + (countWhereItEnds ? every : 0), band.eachMinor(), g);
    }
  }

  /** A band occurrence charging the increments (counted from entry) that start inside it. */
  private void fromEntry(
      TimeBand band, long from, long to, long start, long end, long total, Charges charges) {
    long every = band.every().getSeconds();
    long first = Math.floorDiv(Math.max(from, start) - start + every - 1, every);
    long last = Math.min(total, Math.floorDiv(to - start + every - 1, every)) - 1;
    if (last < first) {
      return;
    }
    int g =
        charges.group(
            bandText(band), Math.max(from, start), Math.min(to, end), band.eachMinor(), true);
    for (long i = first; i <= last; i++) {
      charges.add(start + i * every + (countWhereItEnds ? every : 0), band.eachMinor(), g);
    }
  }

  private static String bandText(TimeBand band) {
    return band.name()
        + (band.chargeAt() == ChargeAt.START ? ", each started " : ", each full ")
        + SiteTime.duration(band.every().getSeconds());
  }

  /** The band's cap on one occurrence: the charges from {@code first} on are all in it. */
  private void capOccurrence(
      TimeBand band,
      long from,
      long to,
      int first,
      Charges charges,
      List<ProductPrice.CapHit> hits) {
    long reduced = Caps.clip(charges, first, charges.size, band.capMinor());
    if (reduced > 0) {
      hits.add(
          new ProductPrice.CapHit(
              "cap %s on the " + band.name() + " band", band.capMinor(), from, to, reduced, 0));
    }
  }
}
