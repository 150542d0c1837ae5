package dev.parkedge.gateway.session;

/**
 * Opens the barrier at a lane (a port of the session feature: entry and exit). Adapters drive a
 * relay on the box's GPIO header or send a PSP/1 {@code Gate} command. Never blocks the caller.
 */
public interface LaneGate {

  /**
   * Opens the barrier at {@code lane} for one vehicle: the barrier's controller gets one pulse and
   * closes the barrier by itself once the vehicle has passed.
   *
   * @return false when no barrier is wired at that lane (nothing happens)
   */
  boolean pulseOpen(int lane);
}
