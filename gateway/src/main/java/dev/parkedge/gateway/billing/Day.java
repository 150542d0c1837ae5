package dev.parkedge.gateway.billing;

import java.time.DayOfWeek;

/** A kind of day a product or window can be limited to: a weekday, or a public holiday. */
public enum Day {
  MON,
  TUE,
  WED,
  THU,
  FRI,
  SAT,
  SUN,
  HOLIDAY;

  static Day of(DayOfWeek weekday) {
    return values()[weekday.ordinal()];
  }
}
