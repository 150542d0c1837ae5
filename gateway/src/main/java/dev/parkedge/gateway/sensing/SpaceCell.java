package dev.parkedge.gateway.sensing;

import dev.parkedge.gateway.lot.Space;
import java.time.Instant;

/** One space's live state. Owned by the domain thread. */
final class SpaceCell {

  Space space;

  /** What the sensor says, after debounce: FREE, OCCUPIED or UNKNOWN. */
  SpaceState sensed = SpaceState.UNKNOWN;

  boolean maintenance;

  /** Held for a reservation about to start: shown reserved (blue) while free. */
  boolean held;

  SpaceState shown = SpaceState.UNKNOWN;

  /** When the shown state began, by the wall clock of that moment (what is journaled and saved). */
  Instant since;

  /** The same moment in monotonic time: how long the state has been shown, whatever the clock. */
  long sinceNanos;

  /** A sensed state waiting out the debounce, or null. */
  SpaceState pending;

  long pendingSinceNanos;

  /** The fCnt of the last LoRaWAN uplink applied, or null. */
  Long sensorFrameCounter;

  long lastHeardNanos;
  boolean heardSinceStart;

  /** Changed since the store was last handed the changed spaces (SensingService.snapshotSpaces). */
  boolean changed;

  SpaceCell(Space space, Instant since, long nowNanos) {
    this.space = space;
    this.since = since;
    this.sinceNanos = nowNanos;
    this.lastHeardNanos = nowNanos;
  }

  /**
   * The state the space shows: maintenance overrides what the sensor says; a free space held for a
   * reservation shows reserved.
   */
  SpaceState derived() {
    if (maintenance) {
      return SpaceState.MAINTENANCE;
    }
    return held && sensed == SpaceState.FREE ? SpaceState.RESERVED : sensed;
  }

  /** Its record to save, clearing its change mark; null when it has not changed. */
  SpaceRecord takeChange() {
    if (!changed) {
      return null;
    }
    changed = false;
    return record();
  }

  SpaceRecord record() {
    return new SpaceRecord(space.id(), shown, since, sensed, maintenance, sensorFrameCounter);
  }
}
