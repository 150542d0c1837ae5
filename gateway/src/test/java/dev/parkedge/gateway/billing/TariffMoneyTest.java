package dev.parkedge.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Money in minor units of 0-, 2- and 3-decimal currencies, and the rounding of percentages. */
class TariffMoneyTest {

  static final Currency EUR = Currency.getInstance("EUR");
  static final Currency JPY = Currency.getInstance("JPY");
  static final Currency KWD = Currency.getInstance("KWD");

  @ParameterizedTest(name = "{0} {1} is {2} minor units")
  @CsvSource({
    "2.50, EUR, 250",
    "2.5, EUR, 250",
    "2, EUR, 200",
    "0.05, EUR, 5",
    "500, JPY, 500",
    "1.250, KWD, 1250",
    "0.005, KWD, 5"
  })
  void parses_amounts_in_the_currencys_minor_unit(String text, String code, long minor) {
    Money money = Money.parse(text, Currency.getInstance(code));

    assertThat(money.minor()).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} {1} is refused")
  @CsvSource({"2.505, EUR", "500.5, JPY", "1.2505, KWD", "-1.00, EUR", "1e3, EUR", "'', EUR"})
  void refuses_amounts_the_currency_cannot_hold(String text, String code) {
    assertThatThrownBy(() -> Money.parse(text, Currency.getInstance(code)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void refuses_to_mix_currencies() {
    assertThatThrownBy(() -> Money.parse("1.00", EUR).plus(Money.parse("100", JPY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot mix EUR and JPY");
  }

  @Test
  void writes_amounts_with_the_currencys_decimals() {
    assertThat(Money.ofMinor(1250, EUR)).hasToString("12.50 EUR");
    assertThat(Money.ofMinor(500, JPY)).hasToString("500 JPY");
    assertThat(Money.ofMinor(5, KWD)).hasToString("0.005 KWD");
  }

  @ParameterizedTest(name = "{1} of {0} rounded {2} is {3}")
  @CsvSource({
    "250, 50%, HALF_UP, 125",
    "125, 50%, HALF_UP, 63",
    "125, 50%, HALF_EVEN, 62",
    "125, 50%, DOWN, 62",
    "125, 50%, UP, 63",
    "999, 7.7%, HALF_UP, 77",
    "1000, 19%, HALF_UP, 190"
  })
  void rounds_percentages_as_told(long minor, String percent, RoundingMode mode, long expected) {
    assertThat(Money.ofMinor(minor, EUR).percent(Percent.parse(percent), mode).minor())
        .isEqualTo(expected);
  }
}
