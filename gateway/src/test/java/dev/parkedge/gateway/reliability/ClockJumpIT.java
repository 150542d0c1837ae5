package dev.parkedge.gateway.reliability;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LoggingConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.runtime.Gateway;
import dev.parkedge.gateway.runtime.GatewayParts;
import dev.parkedge.gateway.storage.sqlite.JournalRow;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.PushedFrames;
import dev.parkedge.gateway.testing.RecordingDisplayDriver;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock jumps an hour back, then two hours forward, while the gateway runs with its real
 * SQLite store (the clock of a real process cannot be moved without privileges; the gateway is
 * wired with a clock the test sets, as {@code parkedge run} wires the system's). Each jump is
 * journaled; durations (uptime, how long a space has shown its state, staleness) follow monotonic
 * time, so none is negative or counts the jump; a space's {@code since} is never after now; entries
 * stamped while the clock is distrusted say so; and a restart restores the states.
 *
 * <p>Fees across a jump are priced from these durations once sessions exist (issue 6): add their
 * rows here.
 */
class ClockJumpIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SiteLayout SITE = TestSites.oneZone(3);

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final RecordingDisplayDriver displays = new RecordingDisplayDriver();
  private final PushedFrames bus = new PushedFrames(TestSites.BUS);
  private Gateway gateway;
  private SqliteStore store;
  private final int[] seqs = new int[4];

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void jumps_of_the_wall_clock_are_journaled_and_bend_no_duration() throws Exception {
    start();
    Instant started = time.instant();
    sensor(1, PspMessage.SpaceState.OCCUPIED);
    eventually(() -> assertThat(space("A-001").state()).isEqualTo("occupied"));
    time.advance(Duration.ofMinutes(10));

    time.jumpWall(Duration.ofHours(-1));

    eventually(() -> assertThat(jumps()).containsExactly(-3_600_000L));
    assertThat(uptimeSeconds()).as("uptime after the clock went back").isEqualTo(600);
    assertThat(shownFor("A-001")).as("A-001 occupied for").isEqualTo(Duration.ofMinutes(10));
    sensor(2, PspMessage.SpaceState.FREE);
    eventually(() -> assertThat(space("A-002").state()).isEqualTo("free"));
    eventually(
        () ->
            assertThat(entry("A-002").clockTrusted())
                .as("stamped just after the clock went back")
                .isFalse());

    time.advance(Duration.ofMinutes(5));
    time.jumpWall(Duration.ofHours(2));

    eventually(() -> assertThat(jumps()).containsExactly(-3_600_000L, 7_200_000L));
    Thread.sleep(600); // two sensing ticks: nothing goes stale (stale_after 30 min, 15 min passed)
    assertThat(space("A-001").state()).isEqualTo("occupied");
    assertThat(uptimeSeconds()).as("uptime after the clock went forward").isEqualTo(900);
    assertThat(shownFor("A-001")).isEqualTo(Duration.ofMinutes(15));
    assertThat(shownFor("A-002")).isEqualTo(Duration.ofMinutes(5));
    for (SpaceView space : gateway.control().spaces()) {
      assertThat(Instant.parse(space.since())).as(space.id()).isBeforeOrEqualTo(time.instant());
    }

    gateway.close();
    start();

    assertThat(space("A-001").state()).isEqualTo("occupied");
    assertThat(space("A-002").state()).isEqualTo("free");
    List<JournalRow> journal = store.readJournal(0, 1000);
    assertThat(journal)
        .extracting(JournalRow::seq)
        .containsExactlyElementsOf(oneTo(journal.size()));
    assertThat(journal.get(0).at()).isEqualTo(started);
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private void start() throws Exception {
    store = SqliteStore.open(dir.resolve("parkedge.db"), time, Duration.ofMillis(100));
    GatewayConfig config =
        new GatewayConfig(
            dir.resolve("gateway.yaml"),
            dir.resolve("site.yaml"),
            dir,
            List.of(),
            new ApiConfig("127.0.0.1", 0),
            new SensingConfig(Duration.ZERO, Duration.ofMinutes(30)),
            new DisplayConfig(Duration.ofSeconds(60)),
            new LoggingConfig("info"));
    gateway =
        Gateway.start(
            new GatewayParts(
                config,
                SITE,
                () -> SITE,
                time,
                time,
                store,
                store,
                store,
                List.of(bus),
                List.of(displays),
                List.of(store)));
  }

  private void sensor(int n, PspMessage.SpaceState state) {
    bus.push(new PspMessage.Occupancy(TestSites.SENSOR_BASE + n, ++seqs[n], state, 3600, 20));
  }

  private SpaceView space(String id) {
    return gateway.control().spaces().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** How long the space has shown its state, as a reader of the API computes it. */
  private Duration shownFor(String id) {
    return Duration.between(Instant.parse(space(id).since()), time.instant());
  }

  private long uptimeSeconds() {
    return gateway.control().status().uptimeSeconds();
  }

  private List<Long> jumps() {
    return store.readJournal(0, 1000).stream()
        .filter(row -> row.type().equals("clock.jump"))
        .map(row -> body(row).get("by_ms").asLong())
        .toList();
  }

  private JournalRow entry(String space) {
    List<JournalRow> rows =
        store.readJournal(0, 1000).stream()
            .filter(row -> row.type().equals("space.state") && row.subject().equals(space))
            .toList();
    assertThat(rows).as("committed space.state entries of %s", space).isNotEmpty();
    return rows.get(rows.size() - 1);
  }

  private static JsonNode body(JournalRow row) {
    try {
      return JSON.readTree(row.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Long> oneTo(int n) {
    return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
  }
}
