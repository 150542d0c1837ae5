package dev.parkedge.gateway.billing;

import java.util.Objects;

/**
 * A maximum a product charges per window of time.
 *
 * @param maxMinor the maximum per window, in minor units
 * @param per the kind of window
 * @param resetMinute for {@link Per#CYCLE}, the local time the window starts, in minutes after
 *     midnight (0 for a calendar day)
 * @param acrossVisits whether the same vehicle's earlier visits in the window count toward it
 */
public record Cap(long maxMinor, Per per, int resetMinute, boolean acrossVisits) {

  /** The windows a cap counts in. */
  public enum Per {
    /** Local midnight to midnight: a 23- or 25-hour window on DST change days. */
    CALENDAR_DAY,
    /** 24 real hours from the start of the charged stay, then the next 24, ... */
    ROLLING_24H,
    /** From a local reset time (e.g. 02:00) to the same time the next day. */
    CYCLE
  }

  public Cap {
    Objects.requireNonNull(per, "per");
    if (maxMinor < 0) {
      throw new IllegalArgumentException("a cap cannot be negative");
    }
    if (resetMinute < 0 || resetMinute >= 24 * 60) {
      throw new IllegalArgumentException("reset time out of the day: " + resetMinute);
    }
    if (acrossVisits && per == Per.ROLLING_24H) {
      throw new IllegalArgumentException("a cap across visits needs calendar_day or cycle");
    }
  }
}
