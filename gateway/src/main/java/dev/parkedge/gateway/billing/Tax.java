package dev.parkedge.gateway.billing;

import java.util.Objects;

/**
 * VAT on parking.
 *
 * @param rate the rate, e.g. 19%
 * @param pricesInclude whether the tariff's prices include it (the fee is the price, and the tax is
 *     shown) or exclude it (the tax is added to the fee)
 */
public record Tax(Percent rate, boolean pricesInclude) {

  public Tax {
    Objects.requireNonNull(rate, "rate");
  }
}
