package dev.parkedge.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Health verdicts of the sensor of space A-001, each with the reason an installer reads. */
class DeviceRegistryTest {

  private static final long SENSOR = TestSites.SENSOR_BASE + 1;

  static Stream<Arguments> verdicts() {
    return Stream.of(
        row("a sensor reporting normally is ok", "ok", "", (r, t) -> occupancy(r, t, 1, 3600)),
        row(
            "a sensor never heard past stale_after is stale",
            "stale",
            "sensor never heard",
            (r, t) -> t.advance(Duration.ofHours(5))),
        row(
            "a sensor silent past stale_after is stale",
            "stale",
            "sensor silent for 4 h 1 min",
            (r, t) -> {
              occupancy(r, t, 1, 3600);
              t.advance(Duration.ofHours(4).plusMinutes(1));
            }),
        row(
            "a low battery degrades",
            "degraded",
            "battery 2900 mV below 3000 mV",
            (r, t) -> occupancy(r, t, 1, 2900)),
        row(
            "a low battery reported by the network server degrades",
            "degraded",
            "battery 8 % below 10 % (reported by the network server)",
            (r, t) -> {
              occupancy(r, t, 1, 3600);
              r.linkStatus(SENSOR, TestSites.BUS, 8, 12);
            }),
        row(
            "a network server's battery level above 10 % is ok",
            "ok",
            "",
            (r, t) -> {
              occupancy(r, t, 1, 3600);
              r.linkStatus(SENSOR, TestSites.BUS, 64, 12);
            }),
        row(
            "a sensor flapping every second degrades",
            "degraded",
            "flapping: 40 state changes in the last hour",
            (r, t) -> {
              for (int i = 1; i <= 40; i++) {
                occupancy(r, t, i, 3600);
                r.stateChanged(SENSOR, t.getAsLong());
                t.advance(Duration.ofSeconds(1));
              }
            }),
        row(
            "flaps of the last 55 minutes still count",
            "degraded",
            "flapping: 40 state changes in the last hour",
            (r, t) -> {
              for (int i = 1; i <= 40; i++) {
                occupancy(r, t, i, 3600);
                r.stateChanged(SENSOR, t.getAsLong());
                t.advance(Duration.ofSeconds(1));
              }
              t.advance(Duration.ofMinutes(54));
              occupancy(r, t, 41, 3600);
            }),
        row(
            "flaps older than an hour no longer count",
            "ok",
            "",
            (r, t) -> {
              for (int i = 1; i <= 40; i++) {
                r.stateChanged(SENSOR, t.getAsLong());
                t.advance(Duration.ofSeconds(1));
              }
              t.advance(Duration.ofMinutes(61));
              occupancy(r, t, 50, 3600);
            }),
        row(
            "frames lost by seq gaps degrade",
            "degraded",
            "28 of 49 frames lost",
            (r, t) -> {
              for (int i = 1; i <= 20; i++) {
                occupancy(r, t, i * 2, 3600);
              }
              occupancy(r, t, 50, 3600);
            }),
        row(
            "a weak radio link degrades",
            "degraded",
            "weak radio: RSSI -125 dBm",
            (r, t) ->
                r.hear(
                    Heard.of(
                        TestSites.BUS,
                        new PspMessage.Radio(
                            0x70b3d57ed0009001L,
                            1,
                            -125,
                            -40,
                            new PspMessage.Occupancy(
                                SENSOR, 1, PspMessage.SpaceState.FREE, 3600, 20)),
                        t.getAsLong()))),
        row(
            "a fault report degrades",
            "degraded",
            "sensor reports a fault",
            (r, t) ->
                r.hear(
                    Heard.of(
                        TestSites.BUS,
                        new PspMessage.Occupancy(SENSOR, 1, PspMessage.SpaceState.FAULT, 3600, 20),
                        t.getAsLong()))));
  }

  @Test
  void sensors_flapping_as_often_share_one_verdict_and_its_reason() {
    FakeTime time = new FakeTime();
    DeviceRegistry registry = registry(time, 2);
    long other = SENSOR + 1;
    for (int i = 1; i <= 40; i++) {
      for (long sensor : new long[] {SENSOR, other}) {
        registry.hear(
            Heard.of(
                TestSites.BUS,
                new PspMessage.Occupancy(sensor, i, PspMessage.SpaceState.FREE, 3600, 20),
                time.getAsLong()));
        registry.stateChanged(sensor, time.getAsLong());
      }
      time.advance(Duration.ofSeconds(1));
    }

    registry.assess();

    Health first = registry.find(SENSOR).orElseThrow().health();
    assertThat(first.reason()).isEqualTo("flapping: 40 state changes in the last hour");
    assertThat(registry.find(other).orElseThrow().health()).isSameAs(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void verdicts(
      String name, String verdict, String reason, BiConsumer<DeviceRegistry, FakeTime> inputs) {
    FakeTime time = new FakeTime();
    DeviceRegistry registry = registry(time, 1);

    inputs.accept(registry, time);
    registry.assess();

    DeviceStatus sensor = registry.find(SENSOR).orElseThrow();
    assertThat(sensor.health().verdict().jsonName()).isEqualTo(verdict);
    assertThat(sensor.health().reason()).isEqualTo(reason);
  }

  @Test
  void displays_never_heard_are_ok_because_they_only_take_commands() {
    FakeTime time = new FakeTime();
    DeviceRegistry registry = registry(time, 2);
    time.advance(Duration.ofHours(5));

    registry.assess();

    for (long display :
        new long[] {TestSites.INDICATOR_BASE + 1, TestSites.INDICATOR_BASE + 2, TestSites.SIGN}) {
      DeviceStatus status = registry.find(display).orElseThrow();
      assertThat(status.health().verdict()).isEqualTo(Health.Verdict.OK);
      assertThat(status.health().reason()).isEqualTo("display: takes commands only");
    }
    DeviceStatus sensor = registry.find(SENSOR).orElseThrow();
    assertThat(sensor.health().verdict()).isEqualTo(Health.Verdict.STALE);
    assertThat(sensor.health().reason()).isEqualTo("sensor never heard");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicates")
  void duplicates(String name, int[] seqs, long accepted, long duplicates) {
    FakeTime time = new FakeTime();
    DeviceRegistry registry = registry(time, 1);

    for (int seq : seqs) {
      occupancy(registry, time, seq, 3600);
    }

    DeviceStatus sensor = registry.find(SENSOR).orElseThrow();
    assertThat(sensor.frames()).isEqualTo(accepted);
    assertThat(sensor.duplicates()).isEqualTo(duplicates);
  }

  static Stream<Arguments> duplicates() {
    return Stream.of(
        Arguments.of("a repeat of the last seq is a duplicate", new int[] {7, 7}, 1L, 1L),
        Arguments.of(
            "a repeat among the last 16 seqs is a duplicate",
            new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1},
            16L,
            1L),
        Arguments.of(
            "a seq older than the last 16 counts again (the device restarted)",
            new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 1},
            18L,
            0L),
        Arguments.of("seqs wrap at 65536", new int[] {65534, 65535, 0, 1}, 4L, 0L));
  }

  /** A registry of the one-zone test site, stale after 4 h. */
  private static DeviceRegistry registry(FakeTime time, int spaces) {
    DeviceRegistry registry =
        new DeviceRegistry(HealthPolicy.withStaleAfter(Duration.ofHours(4)), time, time);
    registry.configure(TestSites.oneZone(spaces));
    return registry;
  }

  private static Arguments row(
      String name, String verdict, String reason, BiConsumer<DeviceRegistry, FakeTime> inputs) {
    return Arguments.of(name, verdict, reason, inputs);
  }

  private static void occupancy(DeviceRegistry registry, FakeTime time, int seq, int batteryMv) {
    registry.hear(
        Heard.of(
            TestSites.BUS,
            new PspMessage.Occupancy(SENSOR, seq, PspMessage.SpaceState.OCCUPIED, batteryMv, 20),
            time.getAsLong()));
  }
}
