package dev.parkedge.gateway.display.lorawan;

import static dev.parkedge.gateway.display.lorawan.DisplayNames.light;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.sign;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.state;
import static dev.parkedge.gateway.testing.Eventually.await;
import static dev.parkedge.gateway.testing.RecordingDownlinkSender.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.RecordingDownlinkSender;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LorawanDisplayDriver} around its scheduler, and its configuration. */
class DownlinkDisplayDriverTest {

  private final FakeTime time = new FakeTime();
  private final RecordingDownlinkSender sender = new RecordingDownlinkSender();
  private final LorawanDisplayDriver driver =
      new LorawanDisplayDriver(
          LorawanDisplayConfig.defaults(), DisplayModels.builtIn(), sender, time, false);

  @Test
  void sends_the_bare_psp1_packet_of_a_state_on_the_configured_port() {
    driver.show(light(1), state("green"));
    driver.show(sign(1), state("12"));
    driver.tick();
    time.advance(Duration.ofSeconds(30));
    driver.show(light(1), state("red"));
    driver.tick();

    long lightEui = light(1).eui();
    long signEui = sign(1).eui();
    assertThat(sender.sent())
        .containsExactly(
            line(
                signEui,
                10,
                PspCodec.encodePacket(
                    new PspMessage.Counter(signEui, 1, 12, Arrow.NONE, Color.GREEN))),
            line(
                lightEui,
                10,
                PspCodec.encodePacket(
                    new PspMessage.Indicator(lightEui, 1, Color.GREEN, Pattern.SOLID))),
            line(
                lightEui,
                10,
                PspCodec.encodePacket(
                    new PspMessage.Indicator(lightEui, 2, Color.RED, Pattern.SOLID))));
    assertThat(sender.sent())
        .extracting(line -> line.substring(line.indexOf(": ") + 2).length() / 2)
        .as("PSP/1 packet bytes: 13 header, payload, 2 CRC, no COBS, no delimiter")
        .containsExactly(19, 17, 17);
  }

  @ParameterizedTest(name = "{0} is sent as the PSP/1 packet of {1}")
  @CsvSource({"green, an indicator", "12, a counter", "blank, a blank counter"})
  void a_psp1_lorawan_payload_is_the_psp1_packet_of_the_state(String state, String what) {
    long eui = 0x70B3D57ED0000001L;
    PspMessage expected =
        switch (state) {
          case "green" -> new PspMessage.Indicator(eui, 7, Color.GREEN, Pattern.SOLID);
          case "12" -> new PspMessage.Counter(eui, 7, 12, Arrow.NONE, Color.GREEN);
          default -> PspMessage.Counter.blank(eui, 7, Arrow.NONE, Color.OFF);
        };

    byte[] payload = new Psp1LorawanModel().encode(eui, state(state), 7);

    assertThat(payload).isEqualTo(PspCodec.encodePacket(expected));
  }

  @Test
  void drives_displays_of_a_lorawan_display_model_only() {
    assertThat(driver.drives(light(1))).isTrue();
    assertThat(driver.drives(DeviceAddress.psp(light(1).eui(), "bus1"))).isFalse();
    assertThat(driver.drives(new DeviceAddress(7, "lorawan", "nwave-nps405"))).isFalse();
  }

  @Test
  void show_returns_at_once_and_the_tick_sends() {
    driver.show(light(1), state("green"));

    assertThat(sender.sent()).isEmpty();
    assertThat(driver.budgetUse().queued()).isEqualTo(1);

    driver.tick();

    assertThat(sender.sent()).hasSize(1);
    assertThat(driver.budgetUse().queued()).isZero();
  }

  @Test
  void sends_a_refused_downlink_again_once_the_interval_has_passed() {
    sender.refuseNext(1);
    driver.show(light(1), state("green"));
    driver.tick();

    assertThat(sender.sent()).isEmpty();
    assertThat(driver.stats()).isEqualTo(new DisplayStats(1, 0, 1, 1));

    driver.show(light(1), state("green"));
    time.advance(Duration.ofSeconds(29));
    driver.tick();
    assertThat(sender.sent()).as("still within the interval").isEmpty();

    time.advance(Duration.ofSeconds(1));
    driver.tick();
    assertThat(sender.sent()).hasSize(1);
    assertThat(driver.stats()).isEqualTo(new DisplayStats(2, 1, 2, 1));
  }

  @Test
  void reports_its_airtime_and_counters() {
    driver.show(light(1), state("green"));
    driver.show(light(1), state("red"));
    driver.show(sign(1), state("3"));
    driver.tick();

    assertThat(driver.budgetUse())
        .isEqualTo(
            new AirtimeBudget.Use(
                Duration.ofNanos(2 * 226_304_000L),
                Duration.ofMinutes(3),
                Duration.ofHours(1),
                0,
                2,
                0,
                1));
    assertThat(driver.budgetUse().left())
        .isEqualTo(Duration.ofNanos(180_000_000_000L - 452_608_000L));
    assertThat(driver.stats()).isEqualTo(new DisplayStats(3, 1, 2, 0));

    time.advance(Duration.ofHours(1));
    assertThat(driver.budgetUse().used()).isZero();
  }

  @Test
  void sends_from_its_own_thread() {
    try (LorawanDisplayDriver threaded =
        new LorawanDisplayDriver(LorawanDisplayConfig.defaults(), sender)) {
      threaded.show(sign(2), state("blank"));

      await("the downlink is handed over", Duration.ofSeconds(5), () -> sender.sent().size() == 1);
      assertThat(threaded.stats()).isEqualTo(new DisplayStats(1, 0, 1, 0));
    }
  }

  @Test
  void defaults_suit_an_eu868_class_c_downlink_on_the_things_stack() {
    LorawanDisplayConfig config = LorawanDisplayConfig.defaults();

    assertThat(config)
        .isEqualTo(
            new LorawanDisplayConfig(
                10,
                Duration.ofSeconds(30),
                0.05,
                Duration.ofHours(1),
                "SF9BW125",
                Duration.ofHours(6)));
    assertThat(config.budget()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.downlinkDataRate()).isEqualTo(new DataRate(9, 125_000));
    assertThat(config.refreshes()).isTrue();
  }

  @Test
  void normalises_the_data_rate_name() {
    LorawanDisplayConfig config =
        new LorawanDisplayConfig(
            10, Duration.ZERO, 1, Duration.ofMinutes(1), "sf12bw125", Duration.ZERO);

    assertThat(config.dataRate()).isEqualTo("SF12BW125");
    assertThat(config.refreshes()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "port_0_is_for_mac_commands        | 0   | PT30S | 0.05 | PT1H | SF9BW125 | PT6H | fPort must be 1..223, got 0",
        "port_224_is_the_test_port         | 224 | PT30S | 0.05 | PT1H | SF9BW125 | PT6H | fPort must be 1..223, got 224",
        "a_negative_interval               | 10  | PT-1S | 0.05 | PT1H | SF9BW125 | PT6H | min interval must not be negative",
        "a_budget_of_nothing               | 10  | PT30S | 0    | PT1H | SF9BW125 | PT6H | more than 0 % and at most 100 %, got 0.0 %",
        "a_budget_over_the_whole_window    | 10  | PT30S | 1.5  | PT1H | SF9BW125 | PT6H | more than 0 % and at most 100 %, got 150.0 %",
        "a_budget_that_is_not_a_number     | 10  | PT30S | NaN  | PT1H | SF9BW125 | PT6H | got NaN %",
        "an_empty_window                   | 10  | PT30S | 0.05 | PT0S | SF9BW125 | PT6H | window must be positive",
        "a_data_rate_index_not_a_modulation| 10  | PT30S | 0.05 | PT1H | DR3      | PT6H | \"DR3\" is not a LoRa data rate",
        "a_negative_refresh                | 10  | PT30S | 0.05 | PT1H | SF9BW125 | PT-1H | refresh must not be negative",
      })
  void refuses_a_configuration_that_cannot_work(
      String name,
      int fPort,
      Duration minInterval,
      double budget,
      Duration window,
      String dataRate,
      Duration refresh,
      String message) {
    assertThatThrownBy(
            () -> new LorawanDisplayConfig(fPort, minInterval, budget, window, dataRate, refresh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refuses_two_models_with_one_id() {
    assertThatThrownBy(() -> DisplayModels.of(new Psp1LorawanModel(), new Psp1LorawanModel()))
        .hasMessage("two display models claim id psp1-lorawan");
    assertThat(DisplayModels.builtIn().ids()).isEqualTo(List.of("psp1-lorawan"));
  }
}
