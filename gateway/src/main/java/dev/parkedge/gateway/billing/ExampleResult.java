package dev.parkedge.gateway.billing;

import java.util.Objects;
import java.util.Optional;

/**
 * How one example of a tariff file came out.
 *
 * @param example the example
 * @param quote the quote it produced, empty when it could not be priced
 * @param passed whether fee (and product, if given) are as the example says
 * @param detail why it failed, empty when it passed
 */
public record ExampleResult(
    TariffExample example, Optional<Quote> quote, boolean passed, String detail) {

  public ExampleResult {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(detail, "detail");
  }
}
