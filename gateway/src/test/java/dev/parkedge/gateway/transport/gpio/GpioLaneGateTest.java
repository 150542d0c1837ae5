package dev.parkedge.gateway.transport.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalState;
import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A barrier relay on a mock output pin pulses for its configured time, on injected time. */
class GpioLaneGateTest {

  private static final long RELAY = 0x00000000000c0001L;

  private final MockBoard mock =
      new MockBoard(
          new GpioConfig(
              "gpio",
              List.of(),
              List.of(
                  new GpioConfig.Output(
                      "entry-barrier", 24, RELAY, OutputKind.RELAY, true, 1, Duration.ofSeconds(1)),
                  new GpioConfig.Output(
                      "exit-barrier",
                      25,
                      0x00000000000c0002L,
                      OutputKind.RELAY,
                      false,
                      2,
                      Duration.ofMillis(500)))));

  @AfterEach
  void close() {
    mock.close();
  }

  @Test
  void the_relay_pulses_for_the_configured_time() {
    boolean wired = mock.board.gates().pulseOpen(1);
    mock.outputs.runDue();

    assertThat(wired).isTrue();
    assertThat(mock.level(24)).isEqualTo("high");
    mock.outputs.advance(Duration.ofMillis(999));
    assertThat(mock.level(24)).isEqualTo("high");
    mock.outputs.advance(Duration.ofMillis(1));
    assertThat(mock.level(24)).isEqualTo("low");
  }

  @Test
  void opening_again_during_a_pulse_extends_it() {
    mock.board.gates().pulseOpen(1);
    mock.outputs.advance(Duration.ofMillis(600));

    mock.board.gates().pulseOpen(1);
    mock.outputs.advance(Duration.ofMillis(600)); // the first pulse's end has passed

    assertThat(mock.level(24)).isEqualTo("high");
    mock.outputs.advance(Duration.ofMillis(400));
    assertThat(mock.level(24)).isEqualTo("low");
  }

  @Test
  void an_active_low_relay_module_is_pulled_low_to_switch_on() {
    assertThat(mock.level(25)).isEqualTo("high");

    mock.board.gates().pulseOpen(2);
    mock.outputs.runDue();

    assertThat(mock.level(25)).isEqualTo("low");
    mock.outputs.advance(Duration.ofMillis(500));
    assertThat(mock.level(25)).isEqualTo("high");
  }

  @Test
  void a_lane_without_a_relay_is_answered_false_and_nothing_switches() {
    boolean wired = mock.board.gates().pulseOpen(7);
    mock.outputs.runDue();

    assertThat(wired).isFalse();
    assertThat(mock.level(24)).isEqualTo("low");
    assertThat(mock.level(25)).isEqualTo("high");
  }

  @Test
  void closing_the_board_switches_a_pulsing_relay_off() {
    var relay = mock.output(24);
    mock.board.gates().pulseOpen(1);
    mock.outputs.runDue();

    mock.board.close();

    assertThat(mock.outputs.closed()).isTrue();
    assertThat(relay.state()).isEqualTo(DigitalState.LOW);
  }
}
