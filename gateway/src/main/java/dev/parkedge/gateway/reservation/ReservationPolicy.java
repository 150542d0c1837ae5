package dev.parkedge.gateway.reservation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the site takes reservations (gateway.yaml {@code parking.reservations}).
 *
 * @param leadTime a reserved space shows blue (reserved) this long before the start
 * @param noShowGrace a driver who has not entered this long after the start is a no-show: the
 *     reservation is released, no refund
 * @param maxAdvance how far ahead a reservation may start
 * @param minLength shortest reservation
 * @param maxLength longest reservation
 * @param fullRefundBefore a cancellation at least this long before the start is refunded in full
 * @param fullRefundAfterBooking a cancellation within this long of booking is refunded in full
 * @param lateRefundPercent the share refunded for any other cancellation before entry (0..100)
 * @param zoneCapacity per zone, the most reservations it may hold at any instant (a zone not named
 *     may be booked up to its number of spaces)
 */
public record ReservationPolicy(
    Duration leadTime,
    Duration noShowGrace,
    Duration maxAdvance,
    Duration minLength,
    Duration maxLength,
    Duration fullRefundBefore,
    Duration fullRefundAfterBooking,
    int lateRefundPercent,
    Map<String, Integer> zoneCapacity) {

  public static final ReservationPolicy DEFAULTS =
      new ReservationPolicy(
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofDays(90),
          Duration.ofMinutes(15),
          Duration.ofDays(7),
          Duration.ofHours(1),
          Duration.ofMinutes(15),
          0,
          Map.of());

  public ReservationPolicy {
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(noShowGrace, "noShowGrace");
    Objects.requireNonNull(maxAdvance, "maxAdvance");
    Objects.requireNonNull(minLength, "minLength");
    Objects.requireNonNull(maxLength, "maxLength");
    Objects.requireNonNull(fullRefundBefore, "fullRefundBefore");
    Objects.requireNonNull(fullRefundAfterBooking, "fullRefundAfterBooking");
    if (lateRefundPercent < 0 || lateRefundPercent > 100) {
      throw new IllegalArgumentException("late refund must be 0..100 %, got " + lateRefundPercent);
    }
    zoneCapacity = Map.copyOf(zoneCapacity);
  }
}
