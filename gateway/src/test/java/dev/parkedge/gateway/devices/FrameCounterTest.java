package dev.parkedge.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.devices.DeviceRegistry.Outcome;
import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LoRaWAN uplinks are told apart by their fCnt: a network server redelivers what the gateway had
 * not acknowledged, and a redelivery must not apply twice. Each row is a script of events ("up N"
 * an uplink with fCnt N, "join", "restore N" the counter restored at start) and the outcome of
 * every uplink in it.
 */
class FrameCounterTest {

  private static final long SENSOR = TestSites.SENSOR_BASE + 1;

  static Stream<Arguments> scripts() {
    return Stream.of(
        row("growing counters are all new", "up 1, up 2, up 5", "A A A"),
        row("the same fCnt twice is a duplicate", "up 7, up 7", "A D"),
        row(
            "a redelivery of older uplinks is dropped",
            "up 1, up 2, up 3, up 2, up 3, up 4",
            "A A A D D A"),
        row("after a join the counter starts over", "up 40, up 41, join, up 0, up 1", "A A A A"),
        row(
            "a counter far behind is a device that restarted without a join we saw",
            "up 5000, up 3",
            "A A"),
        row(
            "counters restored at start drop what was applied before the stop",
            "restore 12, up 11, up 12, up 13",
            "D D A"),
        row(
            "a restored counter never lowers a higher one heard since",
            "up 20, restore 12, up 15, up 21",
            "A D A"),
        row(
            "counters above 65535 compare in full",
            "up 65535, up 65536, up 65535, up 70000",
            "A A D A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void frame_counters(String name, String script, String expected) {
    FakeTime time = new FakeTime();
    DeviceRegistry registry =
        new DeviceRegistry(HealthPolicy.withStaleAfter(Duration.ofHours(4)), time, time);
    registry.configure(TestSites.oneZone(1));

    List<String> outcomes = new ArrayList<>();
    for (String step : script.split(", ")) {
      String[] words = step.split(" ");
      switch (words[0]) {
        case "up" -> outcomes.add(letter(registry.hear(uplink(Long.parseLong(words[1]), time))));
        case "join" -> registry.joined(SENSOR, TestSites.BUS);
        case "restore" ->
            registry.restoreFrameCounter(SENSOR, TestSites.BUS, Long.parseLong(words[1]));
        default -> throw new IllegalArgumentException(step);
      }
      time.advance(Duration.ofSeconds(10));
    }

    assertThat(String.join(" ", outcomes)).isEqualTo(expected);
  }

  @Test
  void duplicates_are_counted_and_gaps_are_lost_uplinks() {
    FakeTime time = new FakeTime();
    DeviceRegistry registry =
        new DeviceRegistry(HealthPolicy.withStaleAfter(Duration.ofHours(4)), time, time);
    registry.configure(TestSites.oneZone(1));
    for (long fCnt : new long[] {1, 2, 2, 5}) {
      registry.hear(uplink(fCnt, time));
    }

    DeviceStatus sensor = registry.find(SENSOR).orElseThrow();
    assertThat(sensor.duplicates()).isEqualTo(1);
    assertThat(sensor.lost()).isEqualTo(2);
  }

  private static Heard uplink(long fCnt, FakeTime time) {
    return new Heard(
        TestSites.BUS,
        new PspMessage.Occupancy(
            SENSOR, (int) (fCnt & 0xFFFF), PspMessage.SpaceState.OCCUPIED, 0, 0),
        0x0016c001ff10a235L,
        -97,
        7.5,
        time.getAsLong(),
        null,
        null,
        fCnt);
  }

  private static String letter(Outcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> "A";
      case DUPLICATE -> "D";
      default -> outcome.name();
    };
  }

  private static Arguments row(String name, String script, String expected) {
    return Arguments.of(name, script, expected);
  }
}
