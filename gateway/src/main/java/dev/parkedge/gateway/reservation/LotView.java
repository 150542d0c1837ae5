package dev.parkedge.gateway.reservation;

/**
 * What reservations need of the lot's live state (a port; the runtime implements it over sensing).
 * Domain thread.
 */
public interface LotView {

  /** Whether a car stands on the space now (its sensor says occupied). */
  boolean occupied(String spaceId);

  /** Whether the space can be used (not in maintenance). */
  boolean inService(String spaceId);

  /** Shows the space as reserved (blue) while it is free, or stops doing so. */
  void hold(String spaceId, boolean held);
}
