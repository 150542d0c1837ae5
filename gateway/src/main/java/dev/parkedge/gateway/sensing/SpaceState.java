package dev.parkedge.gateway.sensing;

import java.util.Locale;

/** What the gateway knows about a space. */
public enum SpaceState {
  FREE,
  OCCUPIED,
  /** Held for a reservation (set by the reservation feature). */
  RESERVED,
  /** Taken out of service by an operator. */
  MAINTENANCE,
  /** Its sensor is silent past {@code stale_after}, reports a fault, or there is none. */
  UNKNOWN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
