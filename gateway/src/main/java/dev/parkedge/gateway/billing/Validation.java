package dev.parkedge.gateway.billing;

import java.time.Duration;
import java.util.Objects;

/**
 * A validation (a shop's or cinema's stamp, a staff card) and the discount it gives.
 *
 * @param code what the driver presents, e.g. {@code CINEMA}
 * @param kind the kind of discount
 * @param freeTime for {@link Kind#FREE_TIME}: how much of the stay is free
 * @param offMinor for {@link Kind#FIXED}: minor units off the fee
 * @param percent for {@link Kind#PERCENT}: the share off the fee
 * @param stackable whether it combines with other stackable validations; one that is not is applied
 *     alone, and the driver gets whichever combination costs least
 */
public record Validation(
    String code, Kind kind, Duration freeTime, long offMinor, Percent percent, boolean stackable) {

  public enum Kind {
    FREE_TIME,
    FIXED,
    PERCENT
  }

  public Validation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(freeTime, "freeTime");
    Objects.requireNonNull(percent, "percent");
    if (offMinor < 0) {
      throw new IllegalArgumentException("a discount cannot be negative");
    }
  }
}
