package dev.parkedge.gateway.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in the minor unit of an ISO 4217 currency (cents for EUR, yen for JPY, fils
 * for KWD). No floating point: arithmetic is on {@code long}s and fails on overflow, and amounts of
 * different currencies never mix.
 *
 * @param minor the amount in minor units, e.g. 1250 for 12.50 EUR
 * @param currency an ISO 4217 currency with a defined number of decimals
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d+)?");

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException(
          currency.getCurrencyCode() + " has no minor unit; use a currency of money");
    }
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  public static Money ofMinor(long minor, Currency currency) {
    return new Money(minor, currency);
  }

  /**
   * Parses a decimal amount as written on a tariff board, e.g. {@code 2.50} EUR, {@code 500} JPY,
   * {@code 1.250} KWD. Fewer decimals than the currency has are fine ({@code 2.5}); more are not.
   *
   * @throws IllegalArgumentException naming the text and what to write instead
   */
  public static Money parse(String text, Currency currency) {
    String value = text.strip();
    int digits = currency.getDefaultFractionDigits();
    if (!AMOUNT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not an amount (write e.g. " + example(currency) + ")");
    }
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    String fraction = dot < 0 ? "" : value.substring(dot + 1);
    if (fraction.length() > digits) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" has more decimals than "
              + currency.getCurrencyCode()
              + " has ("
              + digits
              + ")");
    }
    String padded = fraction + "0".repeat(digits - fraction.length());
    return new Money(Long.parseLong(whole + padded), currency);
  }

  private static String example(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    return digits == 0 ? "500" : "2." + "5".repeat(digits);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(minor, other.minor), currency);
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(minor, factor), currency);
  }

  /** This amount times {@code percent}, rounded to the minor unit as {@code rounding} says. */
  public Money percent(Percent percent, RoundingMode rounding) {
    return new Money(percent.of(minor, rounding), currency);
  }

  public boolean isZero() {
    return minor == 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minor, other.minor);
  }

  /** The amount in major units with the currency's decimals, e.g. {@code 12.50}, {@code -0.05}. */
  public String decimal() {
    return decimal(minor, currency);
  }

  /** {@code minor} in major units of {@code currency}, e.g. {@code 12.50}. */
  public static String decimal(long minor, Currency currency) {
    return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()).toPlainString();
  }

  /** E.g. {@code 12.50 EUR}. */
  @Override
  public String toString() {
    return decimal() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot mix " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
    }
  }

  /** {@code numerator / denominator} rounded to a whole number as {@code rounding} says. */
  static long divide(long numerator, long denominator, RoundingMode rounding) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), 0, rounding)
        .longValueExact();
  }
}
