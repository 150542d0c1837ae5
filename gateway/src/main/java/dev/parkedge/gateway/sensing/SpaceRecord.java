package dev.parkedge.gateway.sensing;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted state of one space, restored at start.
 *
 * @param state the state the space shows
 * @param since wall-clock time the state began
 * @param sensed what the sensor last said (free, occupied or unknown), kept apart from an
 *     operator's maintenance so that leaving maintenance returns to the sensed state
 * @param maintenance whether an operator took the space out of service
 * @param sensorFrameCounter the fCnt of the last LoRaWAN uplink applied to the space, or null (a
 *     PSP/1 sensor, or none heard yet)
 */
public record SpaceRecord(
    String spaceId,
    SpaceState state,
    Instant since,
    SpaceState sensed,
    boolean maintenance,
    Long sensorFrameCounter) {

  /** A space whose sensor reports no LoRaWAN frame counter. */
  public SpaceRecord(
      String spaceId, SpaceState state, Instant since, SpaceState sensed, boolean maintenance) {
    this(spaceId, state, since, sensed, maintenance, null);
  }

  public SpaceRecord {
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(sensed, "sensed");
  }
}
