package dev.parkedge.gateway.sensing;

import static dev.parkedge.proto.psp.PspMessage.SpaceState.FAULT;
import static dev.parkedge.proto.psp.PspMessage.SpaceState.FREE;
import static dev.parkedge.proto.psp.PspMessage.SpaceState.OCCUPIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenarios of a four-space zone with one sign: timed inputs, then the spaces' states, the lights,
 * the sign and the journal. A bug found in the field becomes a new row.
 */
class SensingScenariosTest {

  private static final Duration NO_DEBOUNCE = Duration.ZERO;
  private static final Duration STALE = Duration.ofHours(4);

  record Scenario(
      String name,
      Duration debounce,
      List<Consumer<LotUnderTest>> inputs,
      Map<String, SpaceState> states,
      Map<Integer, String> lights,
      String sign,
      int stateJournalEntries) {}

  static Stream<Arguments> scenarios() {
    return Stream.of(
            new Scenario(
                "a new lot shows unknown everywhere and a blank sign",
                NO_DEBOUNCE,
                List.of(),
                states("unknown", "unknown", "unknown", "unknown"),
                Map.of(1, "amber slow_blink"),
                "sign blank",
                0),
            new Scenario(
                "a car arriving turns its space red at once and the sign counts down",
                NO_DEBOUNCE,
                List.of(all(FREE), lot -> lot.sensor(2, OCCUPIED)),
                states("free", "occupied", "free", "free"),
                Map.of(1, "green solid", 2, "red solid"),
                "sign 3 left green",
                5),
            new Scenario(
                "a full zone shows 0 in red",
                NO_DEBOUNCE,
                List.of(all(OCCUPIED)),
                states("occupied", "occupied", "occupied", "occupied"),
                Map.of(4, "red solid"),
                "sign 0 left red",
                4),
            new Scenario(
                "the sign blanks when more than half of its spaces are unknown",
                NO_DEBOUNCE,
                List.of(
                    lot -> lot.sensor(1, FREE),
                    lot -> lot.sensor(2, FREE),
                    lot -> lot.sensor(3, FAULT)),
                states("free", "free", "unknown", "unknown"),
                Map.of(3, "amber slow_blink"),
                "sign 2 left green",
                2),
            new Scenario(
                "a sensor silent past stale_after makes its space unknown",
                NO_DEBOUNCE,
                List.of(
                    all(FREE),
                    lot -> lot.after(Duration.ofHours(2)),
                    lot -> lot.sensor(1, FREE),
                    lot -> lot.sensor(2, FREE),
                    lot -> lot.after(Duration.ofHours(2).plusMinutes(1))),
                states("free", "free", "unknown", "unknown"),
                Map.of(3, "amber slow_blink", 1, "green solid"),
                "sign 2 left green",
                6),
            new Scenario(
                "three of four sensors silent blank the sign",
                NO_DEBOUNCE,
                List.of(
                    all(FREE),
                    lot -> lot.after(Duration.ofHours(3)),
                    lot -> lot.sensor(1, FREE),
                    lot -> lot.after(Duration.ofHours(1).plusMinutes(1))),
                states("free", "unknown", "unknown", "unknown"),
                Map.of(2, "amber slow_blink"),
                "sign blank",
                7),
            new Scenario(
                "with debounce a flicker shorter than the debounce never shows",
                Duration.ofSeconds(5),
                List.of(
                    all(FREE),
                    lot -> lot.after(Duration.ofSeconds(6)),
                    lot -> lot.sensor(1, OCCUPIED),
                    lot -> lot.after(Duration.ofSeconds(2)),
                    lot -> lot.sensor(1, FREE),
                    lot -> lot.after(Duration.ofSeconds(10))),
                states("free", "free", "free", "free"),
                Map.of(1, "green solid"),
                "sign 4 left green",
                4),
            new Scenario(
                "with debounce a state that holds counts once the debounce has passed",
                Duration.ofSeconds(5),
                List.of(
                    all(FREE),
                    lot -> lot.after(Duration.ofSeconds(6)),
                    lot -> lot.sensor(1, OCCUPIED),
                    lot -> lot.after(Duration.ofSeconds(4)),
                    lot -> lot.after(Duration.ofSeconds(1))),
                states("occupied", "free", "free", "free"),
                Map.of(1, "red solid"),
                "sign 3 left green",
                5),
            new Scenario(
                "a fault report makes the space unknown at once, even with debounce",
                Duration.ofSeconds(5),
                List.of(
                    all(FREE),
                    lot -> lot.after(Duration.ofSeconds(6)),
                    lot -> lot.sensor(4, FAULT)),
                states("free", "free", "free", "unknown"),
                Map.of(4, "amber slow_blink"),
                "sign 3 left green",
                5),
            new Scenario(
                "maintenance shows amber and leaves the count; leaving it restores the sensed state",
                NO_DEBOUNCE,
                List.of(
                    all(FREE),
                    lot -> lot.sensing.setMaintenance("A-001", true),
                    lot -> lot.sensor(1, OCCUPIED),
                    lot -> lot.sensing.setMaintenance("A-002", true),
                    lot -> lot.sensing.setMaintenance("A-002", false)),
                states("maintenance", "free", "free", "free"),
                Map.of(1, "amber solid", 2, "green solid"),
                "sign 3 left green",
                7),
            new Scenario(
                "a duplicate radio frame heard by two bridges counts once",
                NO_DEBOUNCE,
                List.of(
                    all(FREE),
                    lot -> {
                      var inner =
                          new PspMessage.Occupancy(
                              TestSites.SENSOR_BASE + 1,
                              900,
                              PspMessage.SpaceState.OCCUPIED,
                              3600,
                              20);
                      lot.hear(new PspMessage.Radio(0x70b3d57ed0009001L, 1, -90, 20, inner));
                      lot.hear(new PspMessage.Radio(0x70b3d57ed0009002L, 1, -104, 8, inner));
                    }),
                states("occupied", "free", "free", "free"),
                Map.of(1, "red solid"),
                "sign 3 left green",
                5))
        .map(s -> Arguments.of(s.name(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(String name, Scenario scenario) {
    var lot = new LotUnderTest(TestSites.oneZone(4), scenario.debounce(), STALE);

    scenario.inputs().forEach(input -> input.accept(lot));

    Map<String, SpaceState> states = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      states.put("A-00" + i, lot.state("A-00" + i));
    }
    assertThat(states).isEqualTo(scenario.states());
    scenario
        .lights()
        .forEach((n, light) -> assertThat(lot.indicator(n)).as("light " + n).isEqualTo(light));
    assertThat(lot.sign()).isEqualTo(scenario.sign());
    assertThat(lot.store.journal("space.state")).hasSize(scenario.stateJournalEntries());
  }

  private static Consumer<LotUnderTest> all(PspMessage.SpaceState state) {
    return lot -> {
      for (int i = 1; i <= 4; i++) {
        lot.sensor(i, state);
      }
    };
  }

  private static Map<String, SpaceState> states(String... names) {
    Map<String, SpaceState> states = new LinkedHashMap<>();
    List<String> list = new ArrayList<>(List.of(names));
    for (int i = 0; i < list.size(); i++) {
      states.put(
          "A-00" + (i + 1), SpaceState.valueOf(list.get(i).toUpperCase(java.util.Locale.ROOT)));
    }
    return states;
  }
}
