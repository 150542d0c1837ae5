package dev.parkedge.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.Eventually;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.gateway.testing.SiteDevices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon jar itself, its wall clock set an hour back and then two hours forward while it runs
 * (libfaketime, see {@link FakedClock}): both jumps are journaled, uptime keeps counting real time,
 * no space's {@code since} is after the daemon's now, no space goes stale for the jump, and the
 * lights keep following the sensors. {@link ClockJumpIT} checks the same in-process, exactly.
 */
class ClockJumpDaemonIT {

  private static final int SPACES = 100;

  @TempDir Path dir;

  @Test
  void the_real_daemon_journals_jumps_and_keeps_durations_monotonic() throws Exception {
    FakedClock clock = FakedClock.in(dir);
    try (PtyPair pty = PtyPair.start(dir);
        DaemonProcess daemon = new DaemonProcess(dir, "ClockJumpDaemonIT", ShippedJvm.OPTIONS)) {
      int apiPort = GeneratedSite.write(dir, pty.a(), SPACES, 50, "20m");
      clock.environment().forEach(daemon::environment);
      daemon.start();
      try (SiteDevices devices = SiteDevices.open(pty.b(), null, SPACES, 0);
          ApiProbe api = new ApiProbe(apiPort)) {
        long startNanos = System.nanoTime();
        for (int i = 0; i < SPACES; i++) {
          devices.serial(i, i % 2 == 0);
        }
        awaitLights(devices);

        clock.set(Duration.ofHours(-1));
        Eventually.await(
            "the back jump is journaled", Duration.ofSeconds(20), () -> jumps().size() == 1);
        checkDurations(api, clock, startNanos);

        clock.set(Duration.ofHours(1));
        Eventually.await(
            "the forward jump is journaled", Duration.ofSeconds(20), () -> jumps().size() == 2);
        checkDurations(api, clock, startNanos);
        for (int i = 0; i < SPACES; i++) {
          devices.serial(i, i % 2 == 1);
        }
        awaitLights(devices);
        assertThat(api.status().get("spaces").get("unknown").asLong())
            .as("no space went stale for the jump (stale_after 20m)")
            .isZero();
      }
      assertThat(jumps().get(0)).isBetween(-3_602_000L, -3_598_000L);
      assertThat(jumps().get(1)).isBetween(7_198_000L, 7_202_000L);
    }
  }

  private void checkDurations(ApiProbe api, FakedClock clock, long startNanos) {
    long uptime = api.status().get("uptime_seconds").asLong();
    long real = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    assertThat(uptime).as("uptime, real time since start %d s", real).isBetween(0L, real + 5);
    // libfaketime hands each of the daemon's threads the new time on its own schedule (the API's
    // two request threads each see the jump at their own moment; a kernel clock moves for all at
    // once): wait until one answer has every space's since in the daemon's new frame, within
    // 10 minutes before now (after a jump back the old ones would lie in the future, after a jump
    // forward an hour in the past).
    Eventually.await(
        "every space's since agrees with the daemon's new clock",
        Duration.ofSeconds(20),
        () -> {
          Instant now = clock.now();
          for (JsonNode space : api.spaces()) {
            Instant since = Instant.parse(space.get("since").asText());
            if (!since.isBefore(now.plusSeconds(2))
                || !since.isAfter(now.minus(Duration.ofMinutes(10)))) {
              return false;
            }
          }
          return true;
        });
  }

  private static void awaitLights(SiteDevices devices) {
    Eventually.await(
        "every light follows its sensor",
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < devices.serialSpaces(); i++) {
            String expected = SiteDevices.lightFor(devices.serialOccupied(i) ? "occupied" : "free");
            if (!expected.equals(devices.light(i))) {
              return false;
            }
          }
          return true;
        });
  }

  private List<Long> jumps() {
    List<Long> jumps = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"));
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT json_extract(body, '$.by_ms') FROM journal WHERE type = 'clock.jump'"
                    + " ORDER BY seq")) {
      while (rows.next()) {
        jumps.add(rows.getLong(1));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    return jumps;
  }
}
