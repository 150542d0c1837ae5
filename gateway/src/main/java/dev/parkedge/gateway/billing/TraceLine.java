package dev.parkedge.gateway.billing;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of a fee trace: what was counted and what it added (or took off), in minor units. Lines
 * that only explain (a product not chosen, the tax contained in the price) add 0. The amounts of a
 * quote's lines add up to its amount.
 *
 * @param kind what kind of step the line records
 * @param text the step as a person reads it, e.g. {@code 3 × 1.00: each started 1h from 1h}
 * @param amountMinor what the step adds to the fee, negative for caps and discounts
 */
public record TraceLine(Kind kind, String text, long amountMinor) {

  /** The steps a fee is made of, in the order they are applied. */
  public enum Kind {
    /** Which product was chosen, and why the others were not (adds 0). */
    PRODUCT,
    /** A period, band or increment counted. */
    CHARGE,
    /** A cap that took off what was above it. */
    CAP,
    /** A minimum charge that raised the fee. */
    MINIMUM,
    /** A grace rule that made the stay free or shorter (adds 0). */
    GRACE,
    /** The lost-ticket fee. */
    LOST_TICKET,
    /** A validation or discount. */
    DISCOUNT,
    /** Tax: added when prices exclude it, shown (adding 0) when they include it. */
    TAX,
    /** Anything else worth knowing (adds 0). */
    NOTE;

    /** The name in JSON, e.g. {@code lost_ticket}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public TraceLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  static TraceLine note(Kind kind, String text) {
    return new TraceLine(kind, text, 0);
  }
}
