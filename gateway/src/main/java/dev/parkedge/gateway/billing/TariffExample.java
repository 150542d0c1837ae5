package dev.parkedge.gateway.billing;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An example stay a tariff file carries, with the fee it must produce, as a tariff board shows them
 * ("2 h 10 min: 6.00").
 *
 * @param name what the example shows, e.g. {@code one hour costs 2.50}
 * @param line where it is written in the file
 * @param stay the stay
 * @param expected the fee it must produce
 * @param expectedProduct the product it must be charged as, if the example says
 */
public record TariffExample(
    String name, int line, Stay stay, Money expected, Optional<String> expectedProduct) {

  public TariffExample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stay, "stay");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(expectedProduct, "expectedProduct");
  }

  ExampleResult check(Function<Stay, Quote> quote) {
    Quote actual;
    try {
      actual = quote.apply(stay);
    } catch (IllegalArgumentException e) {
      return new ExampleResult(this, Optional.empty(), false, e.getMessage());
    }
    boolean amountOk = actual.amount().equals(expected);
    boolean productOk = expectedProduct.map(actual.product()::equals).orElse(true);
    String detail =
        (amountOk ? "" : "expected " + expected + ", got " + actual.amount())
            + (productOk
                ? ""
                : (amountOk ? "" : "; ")
                    + "expected product "
                    + expectedProduct.orElseThrow()
                    + ", got "
                    + actual.product());
    return new ExampleResult(this, Optional.of(actual), amountOk && productOk, detail);
  }
}
