package dev.parkedge.gateway.session;

import java.util.Locale;
import java.util.Objects;

/**
 * A lane with a barrier (gateway.yaml {@code parking.lanes}).
 *
 * @param number the lane number devices report (PSP/1 {@code lane}), 0..255
 * @param direction whether vehicles enter or leave through it
 * @param ticketOnLoop at an entry lane: a vehicle on the loop gets a ticket and the gate opens
 *     without a scan (a ticket dispenser lane)
 */
public record Lane(int number, Direction direction, boolean ticketOnLoop) {

  /** Which way vehicles pass. */
  public enum Direction {
    ENTRY,
    EXIT;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Lane {
    Objects.requireNonNull(direction, "direction");
    if (number < 0 || number > 255) {
      throw new IllegalArgumentException("a lane is 0..255, got " + number);
    }
  }
}
