package dev.parkedge.gateway.sensing;

import static dev.parkedge.proto.psp.PspMessage.SpaceState.FAULT;
import static dev.parkedge.proto.psp.PspMessage.SpaceState.FREE;
import static dev.parkedge.proto.psp.PspMessage.SpaceState.OCCUPIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.InMemoryStore;
import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What counts as a flap of a space's sensor, for its "flapping: N state changes in the last hour"
 * verdict: a change between states the sensor reported. A sensor that reported once has not
 * flapped.
 */
class SensorFlapsTest {

  private static final long SENSOR_1 = TestSites.SENSOR_BASE + 1;
  private static final Duration STALE = Duration.ofHours(4);

  record Row(String name, SpaceState restored, List<Consumer<LotUnderTest>> inputs, int flaps) {}

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row("a sensor's first reading is not a flap", null, List.of(sensor(FREE)), 0),
            new Row(
                "the same state reported again is not a flap",
                null,
                List.of(sensor(FREE), sensor(FREE)),
                0),
            new Row(
                "free to occupied and back are two flaps",
                null,
                List.of(sensor(FREE), sensor(OCCUPIED), sensor(FREE)),
                2),
            new Row(
                "a change from the state restored at start is a flap",
                SpaceState.FREE,
                List.of(sensor(OCCUPIED)),
                1),
            new Row(
                "a sensor heard again after going stale has not flapped",
                null,
                List.of(sensor(FREE), lot -> lot.after(STALE.plusMinutes(1)), sensor(FREE)),
                0),
            new Row(
                "a fault and the recovery from it are one flap",
                null,
                List.of(sensor(FREE), sensor(FAULT), sensor(FREE)),
                1),
            new Row(
                "a fault as the first report and the recovery from it are no flap",
                null,
                List.of(sensor(FAULT), sensor(FREE)),
                0))
        .map(row -> Arguments.of(row.name(), row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void flaps(String name, Row row) {
    InMemoryStore store = new InMemoryStore();
    if (row.restored() != null) {
      Instant at = Instant.parse("2024-03-01T08:00:00Z");
      store.saveSpace(new SpaceRecord("A-001", row.restored(), at, row.restored(), false, null));
    }
    var lot = new LotUnderTest(TestSites.oneZone(1), Duration.ZERO, STALE, store);

    row.inputs().forEach(input -> input.accept(lot));

    assertThat(lot.devices.find(SENSOR_1).orElseThrow().flapsPerHour()).isEqualTo(row.flaps());
  }

  private static Consumer<LotUnderTest> sensor(PspMessage.SpaceState state) {
    return lot -> lot.sensor(1, state);
  }
}
