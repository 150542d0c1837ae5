package dev.parkedge.gateway.billing;

import java.time.LocalDate;
import java.util.List;

/**
 * Applies a product's caps to its charges, window by window in time order: once a window's charges
 * reach the cap, what follows in that window is taken off. Applying caps one after the other works
 * because each lowers the charges in place, which the next then counts.
 */
final class Caps {

  private final SiteTime time;
  private final boolean visitsCountAtExit;

  Caps(SiteTime time, TariffSettings settings) {
    this.time = time;
    this.visitsCountAtExit = settings.earlierVisitsCountAt() == TariffSettings.VisitCountsAt.EXIT;
  }

  /**
   * Caps the charges (in time order) window by window.
   *
   * @param chargedStart where rolling 24-hour windows start
   * @param visits the vehicle's earlier visits, counted when the cap is across visits
   */
  void apply(
      Cap cap,
      Charges charges,
      long chargedStart,
      List<Stay.EarlierVisit> visits,
      List<ProductPrice.CapHit> hits) {
    int i = 0;
    while (i < charges.size) {
      long at = charges.at[i];
      long from;
      long to;
      if (cap.per() == Cap.Per.ROLLING_24H) {
        from = chargedStart + Math.floorDiv(at - chargedStart, 86_400) * 86_400;
        to = from + 86_400;
      } else {
        LocalDate day = time.date(at);
        from = time.epoch(day, cap.resetMinute());
        if (from > at) {
          day = day.minusDays(1);
          from = time.epoch(day, cap.resetMinute());
        }
        to = time.epoch(day.plusDays(1), cap.resetMinute());
      }
      long earlier = cap.acrossVisits() ? earlierVisits(visits, from, to) : 0;
      int end = i;
      while (end < charges.size && charges.at[end] < to) {
        end++;
      }
      long reduced = clip(charges, i, end, Math.max(0, cap.maxMinor() - earlier));
      if (reduced > 0) {
        hits.add(new ProductPrice.CapHit(text(cap), cap.maxMinor(), from, to, reduced, earlier));
      }
      i = end;
    }
  }

  private long earlierVisits(List<Stay.EarlierVisit> visits, long from, long to) {
    long sum = 0;
    for (Stay.EarlierVisit visit : visits) {
      long at = (visitsCountAtExit ? visit.exit() : visit.entry()).getEpochSecond();
      if (at >= from && at < to) {
        sum += visit.charged().minor();
      }
    }
    return sum;
  }

  private static String text(Cap cap) {
    String per =
        switch (cap.per()) {
          case CALENDAR_DAY -> "per calendar day";
          case ROLLING_24H -> "per 24 h";
          case CYCLE -> "per day from " + SiteTime.clock(cap.resetMinute());
        };
    return "cap %s " + per + (cap.acrossVisits() ? " across visits" : "");
  }

  /**
   * Lets the charges {@code from} (inclusive) to {@code to} (exclusive) add up to at most {@code
   * budget}, taking off the later ones first; returns what was taken off.
   */
  static long clip(Charges charges, int from, int to, long budget) {
    long remaining = budget;
    long reduced = 0;
    for (int i = from; i < to; i++) {
      long amount = charges.amount[i];
      long keep = Math.min(amount, remaining);
      remaining -= keep;
      reduced += amount - keep;
      charges.amount[i] = keep;
    }
    return reduced;
  }
}
