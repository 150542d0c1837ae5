package dev.parkedge.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which devices the registry lists, in which order, and what it kept of each across reloads. */
class DeviceListingTest {

  private static final long SENSOR_1 = TestSites.SENSOR_BASE + 1;
  private static final long SENSOR_2 = TestSites.SENSOR_BASE + 2;
  private static final long INDICATOR_1 = TestSites.INDICATOR_BASE + 1;
  private static final long INDICATOR_2 = TestSites.INDICATOR_BASE + 2;
  private static final long ORPHAN_A = 0x70b3d57ed000f00aL;
  private static final long ORPHAN_B = 0x00000000000000b1L;
  private static final long ORPHAN_HIGH = 0xf000000000000001L;

  private final FakeTime time = new FakeTime();
  private final DeviceRegistry registry =
      new DeviceRegistry(HealthPolicy.withStaleAfter(Duration.ofHours(4)), time, time);

  @Test
  void lists_restored_devices_first_then_the_layout_then_orphans_in_the_order_heard() {
    registry.restore(List.of(record(SENSOR_2), record(ORPHAN_A)));
    registry.configure(TestSites.oneZone(2));

    hear(ORPHAN_HIGH, 1);
    hear(ORPHAN_B, 1);

    assertThat(euis())
        .containsExactly(
            SENSOR_2,
            ORPHAN_A,
            SENSOR_1,
            INDICATOR_1,
            INDICATOR_2,
            TestSites.SIGN,
            ORPHAN_HIGH,
            ORPHAN_B);
  }

  @Test
  void keeps_an_orphan_heard_between_reloads_in_its_place_and_finds_it_after_the_next() {
    registry.configure(TestSites.oneZone(1));
    hear(ORPHAN_HIGH, 1);

    registry.configure(TestSites.oneZone(1));
    hear(ORPHAN_HIGH, 2);

    assertThat(euis()).containsExactly(SENSOR_1, INDICATOR_1, TestSites.SIGN, ORPHAN_HIGH);
    assertThat(registry.find(ORPHAN_HIGH).orElseThrow().frames()).isEqualTo(2);
  }

  @Test
  void forgets_a_device_a_reload_removed_that_was_never_heard_and_keeps_one_that_was() {
    registry.configure(TestSites.oneZone(2));
    hear(SENSOR_1, 1);

    registry.configure(TestSites.oneZone(0));

    assertThat(euis()).containsExactly(SENSOR_1, TestSites.SIGN);
    assertThat(registry.find(SENSOR_1).orElseThrow().role()).isEqualTo(DeviceRole.UNKNOWN);
    assertThat(registry.find(SENSOR_2)).isEmpty();
  }

  @Test
  void an_orphan_paired_by_a_reload_is_found_as_its_space_sensor() {
    registry.configure(TestSites.oneZone(1));
    hear(SENSOR_2, 1);

    registry.configure(TestSites.oneZone(2));

    assertThat(registry.spaceOfSensor(SENSOR_2)).isEqualTo("A-002");
    assertThat(registry.find(SENSOR_2).orElseThrow().frames()).isEqualTo(1);
  }

  @Test
  void restores_seen_times_to_the_nanosecond_and_readings_as_saved() {
    Instant first = Instant.parse("2024-03-01T08:00:00.123456789Z");
    Instant last = Instant.parse("2024-03-02T09:30:00.000001Z");
    registry.restore(
        List.of(
            new DeviceRecord(SENSOR_1, "bus1", first, last, 7, 2, 1, 2950, -3, -90, 7.5, "1.2")));
    registry.configure(TestSites.oneZone(1));

    DeviceStatus sensor = registry.find(SENSOR_1).orElseThrow();

    assertThat(sensor.firstSeen()).isEqualTo(first);
    assertThat(sensor.lastSeen()).isEqualTo(last);
    assertThat(List.of(sensor.frames(), sensor.duplicates(), sensor.lost()))
        .containsExactly(7L, 2L, 1L);
    assertThat(sensor.batteryMv()).isEqualTo(2950);
    assertThat(sensor.temperatureC()).isEqualTo(-3);
    assertThat(sensor.rssiDbm()).isEqualTo(-90);
    assertThat(sensor.snrDb()).isEqualTo(7.5);
    assertThat(sensor.firmware()).isEqualTo("1.2");
  }

  @Test
  void a_display_never_heard_has_no_times_counts_or_readings() {
    registry.configure(TestSites.oneZone(1));

    DeviceStatus indicator = registry.find(INDICATOR_1).orElseThrow();

    assertThat(indicator.firstSeen()).isNull();
    assertThat(indicator.lastSeen()).isNull();
    assertThat(indicator.frames()).isZero();
    assertThat(indicator.batteryMv()).isNull();
    assertThat(indicator.batteryPercent()).isNull();
    assertThat(indicator.flapsPerHour()).isZero();
    assertThat(registry.takeChanged()).isEmpty();
  }

  @Test
  void saves_what_was_heard_as_it_was_heard() {
    registry.configure(TestSites.oneZone(1));
    time.advance(Duration.ofNanos(1_234_567));
    Instant heardAt = time.instant();

    hear(SENSOR_1, 1);

    DeviceRecord saved = registry.takeChanged().get(0);
    assertThat(saved.firstSeen()).isEqualTo(heardAt);
    assertThat(saved.lastSeen()).isEqualTo(heardAt);
    assertThat(saved.batteryMv()).isEqualTo(3600);
    assertThat(saved.temperatureC()).isEqualTo(20);
  }

  @Test
  void hands_the_changed_devices_over_a_slice_at_a_time_each_once_per_pass() {
    registry.configure(TestSites.oneZone(5));
    for (int i = 1; i <= 5; i++) {
      hear(TestSites.SENSOR_BASE + i, 1);
    }

    registry.startHandOver();
    List<Long> first = saved(registry.takeChanged(2));
    hear(TestSites.SENSOR_BASE + 1, 2); // changed again after its slice: the next pass saves it
    List<Long> second = saved(registry.takeChanged(2));
    List<Long> third = saved(registry.takeChanged(2));

    assertThat(first).containsExactly(TestSites.SENSOR_BASE + 1, TestSites.SENSOR_BASE + 2);
    assertThat(second).containsExactly(TestSites.SENSOR_BASE + 3, TestSites.SENSOR_BASE + 4);
    assertThat(third).containsExactly(TestSites.SENSOR_BASE + 5);
    assertThat(registry.takeChanged(2)).as("the pass is over").isEmpty();

    registry.startHandOver();
    assertThat(saved(registry.takeChanged(10))).containsExactly(TestSites.SENSOR_BASE + 1);
  }

  @Test
  void hands_nothing_over_between_passes_and_everything_changed_at_stop() {
    registry.configure(TestSites.oneZone(3));
    hear(SENSOR_1, 1);
    hear(SENSOR_2, 1);

    assertThat(registry.takeChanged(10)).as("no pass started").isEmpty();

    registry.startHandOver();
    assertThat(saved(registry.takeChanged(1))).containsExactly(SENSOR_1);
    assertThat(saved(registry.takeChanged())).as("at stop").containsExactly(SENSOR_2);
    assertThat(registry.takeChanged(10)).as("stopping ended the pass").isEmpty();
  }

  private static List<Long> saved(List<DeviceRecord> records) {
    return records.stream().map(DeviceRecord::eui).toList();
  }

  private List<Long> euis() {
    return registry.all().stream().map(DeviceStatus::eui).toList();
  }

  private static DeviceRecord record(long eui) {
    Instant at = Instant.parse("2024-03-01T08:00:00Z");
    return new DeviceRecord(eui, "bus1", at, at, 1, 0, 0, null, null, null, null, null);
  }

  private void hear(long eui, int seq) {
    registry.hear(
        Heard.of(
            TestSites.BUS,
            new PspMessage.Occupancy(eui, seq, PspMessage.SpaceState.FREE, 3600, 20),
            time.getAsLong()));
  }
}
