package dev.parkedge.gateway.transport.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lamps on mock output pins follow the display states the domain sends them. */
class GpioDisplayDriverTest {

  private static final long LIGHT = 0x00000000000b0001L;
  private static final long FULL = 0x00000000000b0002L;
  private static final DeviceAddress LIGHT_AT = DeviceAddress.psp(LIGHT, "gpio");
  private static final DeviceAddress FULL_AT = DeviceAddress.psp(FULL, "gpio");

  private final MockBoard mock =
      new MockBoard(
          new GpioConfig(
              "gpio",
              List.of(),
              List.of(
                  GpioConfig.Output.lamp("space-a1-light", 22, LIGHT, OutputKind.LIGHT, true),
                  GpioConfig.Output.lamp("full-lamp", 23, FULL, OutputKind.FULL_LAMP, false))));

  @AfterEach
  void close() {
    mock.close();
  }

  static Stream<Arguments> a_light_follows_the_space_state() {
    return Stream.of(
        Arguments.of(SpaceState.FREE, "off"),
        Arguments.of(SpaceState.OCCUPIED, "on"),
        Arguments.of(SpaceState.RESERVED, "on"),
        Arguments.of(SpaceState.MAINTENANCE, "on"),
        Arguments.of(SpaceState.UNKNOWN, "slow blink"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void a_light_follows_the_space_state(SpaceState state, String lamp) {
    mock.board.displays().show(LIGHT_AT, DisplayService.light(state));

    assertThat(watch(22, true)).isEqualTo(lamp);
  }

  static Stream<Arguments> a_light_maps_every_colour_and_pattern() {
    List<Arguments> rows = new ArrayList<>();
    for (Color color : Color.values()) {
      for (Pattern pattern : Pattern.values()) {
        String lit =
            switch (pattern) {
              case SOLID -> "on";
              case SLOW_BLINK -> "slow blink";
              case FAST_BLINK -> "fast blink";
            };
        boolean dark = color == Color.OFF || color == Color.GREEN;
        rows.add(Arguments.of(color, pattern, dark ? "off" : lit));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource
  void a_light_maps_every_colour_and_pattern(Color color, Pattern pattern, String lamp) {
    mock.board.displays().show(LIGHT_AT, new DisplayState.Light(color, pattern));

    assertThat(watch(22, true)).isEqualTo(lamp);
  }

  static Stream<Arguments> the_full_lamp_follows_its_count() {
    return Stream.of(
        Arguments.of("0 free", 0, "on"),
        Arguments.of("1 free", 1, "off"),
        Arguments.of("42 free", 42, "off"),
        Arguments.of("blank", null, "off"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource
  void the_full_lamp_follows_its_count(String name, Integer free, String lamp) {
    mock.board
        .displays()
        .show(
            FULL_AT,
            new DisplayState.Count(free, Arrow.NONE, free == null ? Color.OFF : Color.RED));

    assertThat(watch(23, false)).isEqualTo(lamp);
  }

  @Test
  void lamps_start_off_at_their_inactive_level() {
    assertThat(mock.level(22)).isEqualTo("low"); // active high
    assertThat(mock.level(23)).isEqualTo("high"); // active low
  }

  @Test
  void the_same_blinking_state_again_keeps_its_rhythm() {
    DisplayState unknown = DisplayService.light(SpaceState.UNKNOWN);
    mock.board.displays().show(LIGHT_AT, unknown);
    mock.outputs.runDue();
    mock.outputs.advance(Duration.ofMillis(500)); // now off for half a period

    mock.board.displays().show(LIGHT_AT, unknown); // the periodic refresh
    mock.outputs.runDue();

    assertThat(mock.level(22)).isEqualTo("low");
    mock.outputs.advance(Duration.ofMillis(500));
    assertThat(mock.level(22)).isEqualTo("high");
  }

  @Test
  void a_steady_state_stops_the_blinking() {
    mock.board.displays().show(LIGHT_AT, DisplayService.light(SpaceState.UNKNOWN));
    mock.outputs.runDue();

    mock.board.displays().show(LIGHT_AT, DisplayService.light(SpaceState.FREE));

    assertThat(watch(22, true)).isEqualTo("off");
  }

  @Test
  void a_count_sent_to_a_light_is_refused_and_counted_as_failed() {
    mock.board.displays().show(LIGHT_AT, new DisplayState.Count(0, Arrow.NONE, Color.RED));
    mock.outputs.runDue();

    assertThat(mock.level(22)).isEqualTo("low");
    assertThat(mock.board.displays().stats().failed()).isEqualTo(1);
  }

  @Test
  void drives_only_its_own_lamps_on_its_own_bus() {
    assertThat(mock.board.displays().drives(LIGHT_AT)).isTrue();
    assertThat(mock.board.displays().drives(DeviceAddress.psp(LIGHT, "bus1"))).isFalse();
    assertThat(mock.board.displays().drives(DeviceAddress.psp(0x0bL, "gpio"))).isFalse();
  }

  /**
   * Applies what was shown and samples the lamp for two seconds in 25 ms steps: "on", "off", "slow
   * blink" (1 Hz) or "fast blink" (4 Hz).
   */
  private String watch(int pin, boolean activeHigh) {
    mock.outputs.runDue();
    int on = 0;
    int changes = 0;
    boolean last = lit(pin, activeHigh);
    for (int i = 0; i < 80; i++) {
      boolean now = lit(pin, activeHigh);
      on += now ? 1 : 0;
      changes += now != last ? 1 : 0;
      last = now;
      mock.outputs.advance(Duration.ofMillis(25));
    }
    if (changes == 0) {
      return on == 0 ? "off" : "on";
    }
    return changes <= 4 ? "slow blink" : "fast blink";
  }

  private boolean lit(int pin, boolean activeHigh) {
    return mock.level(pin).equals(activeHigh ? "high" : "low");
  }
}
