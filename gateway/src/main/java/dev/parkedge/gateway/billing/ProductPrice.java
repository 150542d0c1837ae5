package dev.parkedge.gateway.billing;

import java.util.List;

/**
 * What one product charges for one stay, before it is rendered as trace lines: the charges (after
 * caps), the caps that took something off, and what the minimum added.
 */
record ProductPrice(
    Product product, long amount, Charges charges, List<CapHit> capHits, long minimumAdded) {

  /**
   * A cap that took something off.
   *
   * @param text e.g. {@code cap %s per calendar day}, {@code %s} standing for the cap
   * @param capMinor the cap
   * @param from start of the window (epoch second), or {@link Charges#NO_TIME}
   * @param to end of the window
   * @param reduction minor units taken off (positive)
   * @param earlierVisits minor units the same vehicle had paid in the window before
   */
  record CapHit(
      String text, long capMinor, long from, long to, long reduction, long earlierVisits) {}
}
