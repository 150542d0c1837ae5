package dev.parkedge.gateway.runtime;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.api.DurableWriteRefused;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LoggingConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.testing.InMemoryStore;
import dev.parkedge.gateway.testing.PushedFrames;
import dev.parkedge.gateway.testing.RecordingDisplayDriver;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway wired with fakes, on its real domain thread. */
class GatewayTest {

  private final InMemoryStore store = new InMemoryStore();
  private final RecordingDisplayDriver displays = new RecordingDisplayDriver();
  private final PushedFrames bus = new PushedFrames(TestSites.BUS);
  private final AtomicReference<SiteLayout> siteFile = new AtomicReference<>(TestSites.oneZone(3));
  private Gateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void a_frame_from_a_transport_thread_turns_its_space_and_light_red() {
    gateway = start();

    bus.push(occupancy(1, 1, PspMessage.SpaceState.OCCUPIED));

    eventually(() -> assertThat(state("A-001")).isEqualTo("occupied"));
    eventually(
        () -> assertThat(displays.latest(TestSites.INDICATOR_BASE + 1)).isEqualTo("red solid"));
  }

  @Test
  void restarting_restores_every_space_and_resends_every_display() {
    gateway = start();
    bus.push(occupancy(1, 1, PspMessage.SpaceState.OCCUPIED));
    bus.push(occupancy(2, 1, PspMessage.SpaceState.FREE));
    eventually(() -> assertThat(state("A-002")).isEqualTo("free"));
    gateway.close();
    displays.clear();

    gateway = start();

    assertThat(state("A-001")).isEqualTo("occupied");
    assertThat(state("A-002")).isEqualTo("free");
    assertThat(state("A-003")).isEqualTo("unknown");
    assertThat(displays.commands)
        .as("each display re-sent once")
        .containsExactlyInAnyOrder(
            "70b3d57ed0002001 red solid",
            "70b3d57ed0002002 green solid",
            "70b3d57ed0002003 amber slow_blink",
            "70b3d57ed0003001 sign 1 left green");
  }

  @Test
  void maintenance_set_through_the_control_port_is_journaled_and_shown() {
    gateway = start();

    SpaceView view = gateway.control().setMaintenance("A-002", true);

    assertThat(view.state()).isEqualTo("maintenance");
    assertThat(store.journal("space.maintenance"))
        .containsExactly("A-002: {on=true, to=maintenance, sensed=unknown, maintenance=true}");
    eventually(
        () -> assertThat(displays.latest(TestSites.INDICATOR_BASE + 2)).isEqualTo("amber solid"));
  }

  @Test
  void a_note_is_answered_with_its_seq_once_durably_journaled() {
    gateway = start();

    long seq = gateway.control().note("n-1", "replaced a battery");

    assertThat(seq).isPositive();
    assertThat(store.journal("operator.note")).containsExactly("n-1: {text=replaced a battery}");
  }

  @Test
  void a_note_is_refused_with_the_reason_while_storage_fails_and_nothing_is_recorded() {
    gateway = start();
    store.failing("disk full: /var/lib/parkedge/parkedge.db cannot grow");

    assertThatThrownBy(() -> gateway.control().note("n-2", "anything"))
        .isInstanceOf(DurableWriteRefused.class)
        .hasMessage(
            "refused, nothing recorded: disk full: /var/lib/parkedge/parkedge.db cannot grow");
    assertThat(store.journal("operator.note")).isEmpty();
  }

  @Test
  void maintenance_of_an_unknown_space_is_refused_by_name() {
    gateway = start();

    assertThatThrownBy(() -> gateway.control().setMaintenance("Z-9", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no space \"Z-9\"");
  }

  @Test
  void reload_applies_a_new_layout_as_a_diff_and_keeps_known_states() {
    gateway = start();
    bus.push(occupancy(1, 1, PspMessage.SpaceState.OCCUPIED));
    eventually(() -> assertThat(state("A-001")).isEqualTo("occupied"));
    siteFile.set(TestSites.oneZone(4));

    var outcome = gateway.control().reload();

    assertThat(outcome.applied()).isTrue();
    assertThat(outcome.changes()).anyMatch(change -> change.contains("A-004"));
    assertThat(state("A-001")).isEqualTo("occupied");
    assertThat(state("A-004")).isEqualTo("unknown");
    assertThat(store.journal("layout.applied")).hasSize(1);
  }

  @Test
  void after_a_reload_a_new_space_follows_its_sensor_and_a_removed_space_no_longer_does() {
    gateway = start();
    siteFile.set(TestSites.oneZone(4));
    assertThat(gateway.control().reload().applied()).isTrue();

    bus.push(occupancy(4, 1, PspMessage.SpaceState.OCCUPIED));
    eventually(() -> assertThat(state("A-004")).isEqualTo("occupied"));

    siteFile.set(TestSites.oneZone(2));
    assertThat(gateway.control().reload().applied()).isTrue();
    bus.push(occupancy(3, 1, PspMessage.SpaceState.OCCUPIED));
    eventually(
        () ->
            assertThat(gateway.control().devices())
                .anySatisfy(
                    d -> {
                      assertThat(d.eui()).isEqualTo("70b3d57ed0001003");
                      assertThat(d.health()).isEqualTo("orphan");
                    }));
    assertThat(gateway.control().spaces())
        .extracting(s -> s.id())
        .containsExactly("A-001", "A-002");
  }

  @Test
  void an_orphan_sensor_is_listed_with_its_reason() {
    gateway = start();

    bus.push(
        new PspMessage.Occupancy(0x70b3d57ed0009999L, 1, PspMessage.SpaceState.FREE, 3600, 20));

    eventually(
        () ->
            assertThat(gateway.control().devices())
                .anySatisfy(
                    d -> {
                      assertThat(d.eui()).isEqualTo("70b3d57ed0009999");
                      assertThat(d.health()).isEqualTo("orphan");
                      assertThat(d.reason()).contains("not in site.yaml");
                    }));
    assertThat(store.journal("device.orphan")).hasSize(1);
    assertThat(gateway.control().status().alarms()).anyMatch(a -> a.contains("orphan"));
  }

  private Gateway start() {
    GatewayConfig config =
        new GatewayConfig(
            Path.of("/tmp/gateway.yaml"),
            Path.of("/tmp/site.yaml"),
            Path.of("/tmp/var"),
            List.of(),
            new ApiConfig("127.0.0.1", 0),
            new SensingConfig(Duration.ZERO, Duration.ofHours(4)),
            new DisplayConfig(Duration.ofSeconds(60)),
            new LoggingConfig("info"));
    return Gateway.start(
        new GatewayParts(
            config,
            siteFile.get(),
            siteFile::get,
            Clock.systemUTC(),
            System::nanoTime,
            store,
            store,
            store,
            List.of(bus),
            List.of(displays),
            List.of()));
  }

  private String state(String spaceId) {
    return gateway.control().spaces().stream()
        .filter(s -> s.id().equals(spaceId))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static PspMessage occupancy(int sensor, int seq, PspMessage.SpaceState state) {
    return new PspMessage.Occupancy(TestSites.SENSOR_BASE + sensor, seq, state, 3600, 20);
  }
}
