package dev.parkedge.gateway.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * A percentage with up to two decimals, held in hundredths of a percent (basis points): 19% is
 * 1900, 7.7% is 770. Used for VAT rates and percentage discounts.
 *
 * @param basisPoints hundredths of a percent, 0 to 100,000 (1000%)
 */
public record Percent(int basisPoints) {

  private static final Pattern NUMBER = Pattern.compile("\\d{1,4}(\\.\\d{1,2})?");

  public Percent {
    if (basisPoints < 0 || basisPoints > 100_000) {
      throw new IllegalArgumentException("a percentage is 0% to 1000%, got " + basisPoints + " bp");
    }
  }

  /**
   * Parses {@code 19%}, {@code 7.7%} or {@code 19}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static Percent parse(String text) {
    String value = text.strip();
    if (value.endsWith("%")) {
      value = value.substring(0, value.length() - 1).strip();
    }
    if (!NUMBER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a percentage (write e.g. 19%, 7.7% or 50%)");
    }
    int basisPoints = new BigDecimal(value).movePointRight(2).intValueExact();
    if (basisPoints > 100_000) {
      throw new IllegalArgumentException("\"" + text + "\" is more than 1000%");
    }
    return new Percent(basisPoints);
  }

  /** {@code percent} of {@code minor} units, rounded to a whole minor unit. */
  long of(long minor, RoundingMode rounding) {
    return Money.divide(Math.multiplyExact(minor, basisPoints), 10_000, rounding);
  }

  /** E.g. {@code 19%}, {@code 7.7%}. */
  @Override
  public String toString() {
    return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
  }
}
