package dev.parkedge.gateway.billing;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A free pick-up / drop-off window: a stay that enters and leaves inside the window on one of its
 * days, and is at most {@code max} long, is free.
 *
 * @param fromMinute window start, minutes after local midnight
 * @param toMinute window end, minutes after local midnight (after {@code fromMinute})
 * @param days the days it applies on (empty: every day)
 * @param max the longest free stay
 */
public record PickupWindow(int fromMinute, int toMinute, Set<Day> days, Duration max) {

  public PickupWindow {
    Objects.requireNonNull(max, "max");
    days = Set.copyOf(days);
    if (fromMinute < 0 || toMinute > 24 * 60 || toMinute <= fromMinute) {
      throw new IllegalArgumentException("a pick-up window runs forward within one day");
    }
  }
}
