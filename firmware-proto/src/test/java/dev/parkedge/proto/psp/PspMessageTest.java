package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import dev.parkedge.proto.psp.PspMessage.SpaceState;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid messages cannot be built, so every message that exists can be encoded. */
class PspMessageTest {

  private static final long DEVICE = 0x70b3d57ed0001001L;

  static Stream<Arguments> invalid_messages() {
    return Stream.of(
        row(
            "seq beyond 16 bits",
            () -> new PspMessage.Occupancy(DEVICE, 65536, SpaceState.FREE, 3600, 21),
            "seq must be 0..65535, got 65536"),
        row(
            "battery beyond 16 bits",
            () -> new PspMessage.Occupancy(DEVICE, 1, SpaceState.FREE, 70000, 21),
            "battery_mv must be 0..65535, got 70000"),
        row(
            "temperature beyond a signed byte",
            () -> new PspMessage.Occupancy(DEVICE, 1, SpaceState.FREE, 3600, 128),
            "temperature_c must be -128..127, got 128"),
        row(
            "missing state",
            () -> new PspMessage.Occupancy(DEVICE, 1, null, 3600, 21),
            "state is required"),
        row(
            "empty scan text",
            () -> new PspMessage.Scan(DEVICE, 1, 1, ScanKind.QR, ""),
            "scan text must be 1..198 bytes of UTF-8, got 0"),
        row(
            "scan text of 199 bytes",
            () -> new PspMessage.Scan(DEVICE, 1, 1, ScanKind.QR, "é".repeat(99) + "x"),
            "got 199"),
        row(
            "counter of 10000",
            () -> new PspMessage.Counter(DEVICE, 1, 10000, Arrow.NONE, Color.GREEN),
            "counter value must be 0..9999 or blank, got 10000"),
        row(
            "radio inside radio",
            () ->
                new PspMessage.Radio(
                    DEVICE,
                    1,
                    -90,
                    4,
                    new PspMessage.Radio(
                        DEVICE, 2, -90, 4, new PspMessage.Loop(DEVICE, 3, 1, true))),
            "a radio packet cannot carry another radio packet"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalid_messages(String name, Runnable build, String message) {
    assertThatThrownBy(build::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static Arguments row(String name, Runnable build, String message) {
    return Arguments.of(name, build, message);
  }
}
