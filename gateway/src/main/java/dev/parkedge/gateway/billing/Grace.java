package dev.parkedge.gateway.billing;

import java.time.Duration;
import java.util.Objects;

/**
 * The grace periods, each a distinct rule; {@link Duration#ZERO} is none.
 *
 * @param turnaround a stay of at most this long is free as a whole
 * @param continuous this much comes off every stay
 * @param exitAfterPayment leaving within this long after paying costs nothing more
 * @param bookingEarly a booked stay may start this much before the booking, free
 * @param bookingLate and end this much after it, free
 */
public record Grace(
    Duration turnaround,
    Duration continuous,
    Duration exitAfterPayment,
    Duration bookingEarly,
    Duration bookingLate) {

  public static final Grace NONE =
      new Grace(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public Grace {
    Objects.requireNonNull(turnaround, "turnaround");
    Objects.requireNonNull(continuous, "continuous");
    Objects.requireNonNull(exitAfterPayment, "exitAfterPayment");
    Objects.requireNonNull(bookingEarly, "bookingEarly");
    Objects.requireNonNull(bookingLate, "bookingLate");
  }
}
