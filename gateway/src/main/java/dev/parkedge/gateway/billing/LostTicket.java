package dev.parkedge.gateway.billing;

import java.util.Objects;

/**
 * The lost-ticket fee.
 *
 * @param feeMinor the fee in minor units
 * @param mode how it combines with the fee of the stay
 */
public record LostTicket(long feeMinor, Mode mode) {

  public enum Mode {
    /** The fee is the charge, whatever the stay (default: the entry time is not trusted). */
    REPLACES,
    /** The fee is added to the stay's fee. */
    ADDS,
    /** The stay's fee, but at least the lost-ticket fee. */
    AT_LEAST
  }

  public LostTicket {
    Objects.requireNonNull(mode, "mode");
    if (feeMinor < 0) {
      throw new IllegalArgumentException("a lost-ticket fee cannot be negative");
    }
  }
}
