package dev.parkedge.gateway.display;

import dev.parkedge.gateway.lot.DeviceAddress;

/**
 * Puts a state on a physical display. Implementations never block the caller: they queue and
 * coalesce (a display receives only its newest state) and send on their own thread.
 */
public interface DisplayDriver {

  /** Whether this driver reaches the display at {@code address}. */
  boolean drives(DeviceAddress address);

  /** Shows {@code state} on the display at {@code address} as soon as the link allows. */
  void show(DeviceAddress address, DisplayState state);

  /** Displays commanded, sent, and failed so far (for status). */
  DisplayStats stats();
}
