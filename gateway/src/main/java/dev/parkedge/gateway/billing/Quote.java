package dev.parkedge.gateway.billing;

import java.util.List;
import java.util.Objects;

/**
 * The fee for one stay, with the trace that explains it and the hash of the tariff file that
 * produced it, so that anyone with that file can recompute the fee.
 *
 * @param amount what the driver pays, tax included
 * @param product the product charged, e.g. {@code early_bird}; {@code none} when nothing was
 * @param trace the steps of the computation; their amounts add up to {@code amount}
 * @param tax the tax contained in {@code amount} (zero when the tariff has no tax)
 * @param tariffSha256 SHA-256 (hex) of the exact bytes of the tariff file
 */
public record Quote(
    Money amount, String product, List<TraceLine> trace, Money tax, String tariffSha256) {

  public Quote {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(tariffSha256, "tariffSha256");
    trace = List.copyOf(trace);
    long sum = 0;
    for (TraceLine line : trace) {
      sum = Math.addExact(sum, line.amountMinor());
    }
    if (sum != amount.minor()) {
      throw new IllegalArgumentException(
          "trace adds up to " + sum + " minor units, not to the amount " + amount);
    }
    if (amount.minor() < 0) {
      throw new IllegalArgumentException("a fee cannot be negative: " + amount);
    }
  }
}
