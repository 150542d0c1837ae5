package dev.parkedge.gateway.display.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time on air of LoRa packets, and the sliding window that adds it up. */
class DownlinkAirtimeTest {

  /*
   * Expected values worked by hand from Semtech AN1200.13 (they match Semtech's LoRa calculator):
   *
   * SF7/BW125, 13-byte PHY payload: Tsym = 2^7 / 125 kHz = 1.024 ms; preamble 12.25 · 1.024 =
   * 12.544 ms.
   *   with CRC (uplink):    ceil((104 − 28 + 28 + 16) / 28) = ceil(4.29) = 5 → 8 + 5·5 = 33 symbols
   *                         = 33.792 ms → 46.336 ms (the "≈ 46.3 ms" of the calculator).
   *   without (downlink):   ceil((104 − 28 + 28) / 28) = ceil(3.71) = 4 → 8 + 4·5 = 28 symbols
   *                         = 28.672 ms → 41.216 ms.
   * SF12/BW125, 13 bytes: Tsym = 4096 / 125 kHz = 32.768 ms; preamble 12.25 · 32.768 = 401.408 ms;
   *   DE = 1, so the divisor is 4·(12 − 2) = 40.
   *   with CRC:             ceil((104 − 48 + 28 + 16) / 40) = ceil(2.5) = 3 → 23 symbols
   *                         = 753.664 ms → 1155.072 ms.
   *   without:              ceil((104 − 48 + 28) / 40) = ceil(2.1) = 3 → the same 1155.072 ms.
   * A psp1-lorawan light is 13 LoRaWAN bytes + a 17-byte PSP/1 packet = 30; a sign 13 + 19 = 32.
   * SF9/BW125, 30 bytes, no CRC: Tsym 4.096 ms; ceil((240 − 36 + 28) / 36) = ceil(6.44) = 7 → 43
   *   symbols = 176.128 ms, + 50.176 ms preamble = 226.304 ms (32 bytes: ceil(6.89) = 7, the same).
   */
  @ParameterizedTest(name = "{0}: {1} bytes, CRC {2} -> {3} µs")
  @CsvSource({
    "SF7BW125,  13, true,     46336",
    "SF7BW125,  13, false,    41216",
    "SF12BW125, 13, true,   1155072",
    "SF12BW125, 13, false,  1155072",
    "SF7BW125,  30, false,    66816",
    "SF8BW125,  30, false,   123392",
    "SF9BW125,  30, false,   226304",
    "SF9BW125,  32, false,   226304",
    "SF9BW125,  32, true,    246784",
    "SF10BW125, 30, false,   411648",
    "SF11BW125, 30, false,   905216",
    "SF12BW125, 30, false,  1646592",
    "SF12BW125, 32, false,  1646592",
    "SF7BW250,  30, false,    33408",
    "SF7BW125,   0, false,    20736",
    "SF12BW125,  0, false,   663552",
  })
  void time_on_air_follows_the_semtech_formula(
      String rate, int phyBytes, boolean crc, long expectedMicros) {
    long nanos = DataRate.parse(rate).timeOnAirNanos(phyBytes, crc);

    assertThat(nanos).isEqualTo(expectedMicros * 1000);
  }

  @Test
  void a_downlink_carries_thirteen_bytes_of_lorawan_around_its_payload() {
    DataRate sf9 = DataRate.parse("SF9BW125");

    assertThat(sf9.downlinkTimeOnAir(17))
        .isEqualTo(Duration.ofNanos(sf9.timeOnAirNanos(30, false)));
    assertThat(sf9.downlinkTimeOnAir(17)).isEqualTo(Duration.ofMillis(226).plusNanos(304_000));
  }

  @ParameterizedTest(name = "\"{0}\" is SF{1} at {2} Hz")
  @CsvSource({"SF9BW125, 9, 125000", "sf12bw125, 12, 125000", "SF7BW250, 7, 250000"})
  void reads_data_rate_names(String name, int sf, int bandwidthHz) {
    DataRate rate = DataRate.parse(name);

    assertThat(rate).isEqualTo(new DataRate(sf, bandwidthHz));
    assertThat(rate.name()).isEqualTo(name.toUpperCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest(name = "refuses \"{0}\"")
  @CsvSource({"DR3, not a LoRa data rate", "SF6BW125, spreading factor", "SF9BW300, bandwidth"})
  void refuses_what_is_not_a_lora_data_rate(String name, String message) {
    assertThatThrownBy(() -> DataRate.parse(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void forgets_airtime_once_it_has_left_the_window() {
    AirtimeBudget budget = new AirtimeBudget(Duration.ofSeconds(10), Duration.ofMinutes(1));
    long start = 1_000_000_000L;
    budget.spend(start, Duration.ofSeconds(6).toNanos());
    budget.spend(start + Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(3).toNanos());

    assertThat(budget.fits(start + Duration.ofSeconds(59).toNanos(), 1_000_000_001L, 0)).isFalse();
    assertThat(budget.fits(start + Duration.ofSeconds(59).toNanos(), 1_000_000_000L, 0)).isTrue();
    assertThat(budget.nanosUntilRelease(start + Duration.ofSeconds(59).toNanos()))
        .isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(budget.usedNanos(start + Duration.ofSeconds(60).toNanos()))
        .isEqualTo(Duration.ofSeconds(3).toNanos());
    assertThat(budget.usedNanos(start + Duration.ofSeconds(80).toNanos())).isZero();
    assertThat(budget.nanosUntilRelease(start + Duration.ofSeconds(80).toNanos()))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void keeps_a_reserve_free_when_asked() {
    AirtimeBudget budget = new AirtimeBudget(Duration.ofSeconds(10), Duration.ofMinutes(1));
    budget.spend(0, Duration.ofSeconds(7).toNanos());

    assertThat(budget.fits(1, Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(2).toNanos()))
        .isTrue();
    assertThat(budget.fits(1, Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(2).toNanos()))
        .isFalse();
    assertThat(budget.fits(1, Duration.ofSeconds(2).toNanos(), 0)).isTrue();
  }
}
