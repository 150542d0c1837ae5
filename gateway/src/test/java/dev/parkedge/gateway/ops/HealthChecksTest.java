package dev.parkedge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  private final FakeTime time = new FakeTime();
  private final FakeProbes probes = new FakeProbes();

  private HealthChecks checks(boolean restartOnStorageFailure) {
    return new HealthChecks(
        probes,
        new OperationsConfig.Health(Duration.ofMinutes(30), 100, restartOnStorageFailure),
        time);
  }

  @Test
  void a_healthy_gateway_feeds_the_watchdog() {
    HealthVerdict verdict = checks(false).run();

    assertThat(verdict.healthy()).isTrue();
    assertThat(verdict.feedWatchdog()).isTrue();
  }

  @Test
  void a_domain_thread_that_does_not_answer_withholds_the_watchdog() {
    probes.domainStuck = true;

    HealthVerdict verdict = checks(false).run();

    assertThat(verdict.feedWatchdog()).isFalse();
    assertThat(verdict.withheldBecause()).singleElement().asString().contains("domain thread");
  }

  @Test
  void a_bus_that_carried_frames_and_fell_silent_withholds_the_watchdog() {
    HealthChecks checks = checks(false);
    checks.run();
    probes.frames = 120;
    time.advance(Duration.ofMinutes(1));
    assertThat(checks.run().feedWatchdog()).isTrue();

    time.advance(Duration.ofMinutes(31));
    HealthVerdict verdict = checks.run();

    assertThat(verdict.feedWatchdog()).isFalse();
    assertThat(verdict.problems())
        .singleElement()
        .asString()
        .contains("bus bus1")
        .contains("no frame");
  }

  @Test
  void a_bus_silent_since_the_start_is_not_judged_so_a_restart_happens_once() {
    HealthChecks checks = checks(false);
    checks.run();
    time.advance(Duration.ofHours(2));

    assertThat(checks.run().feedWatchdog()).isTrue();
  }

  @Test
  void gpio_inputs_may_be_quiet_for_hours() {
    probes.protocol = "gpio";
    HealthChecks checks = checks(false);
    checks.run();
    probes.frames = 3;
    checks.run();
    time.advance(Duration.ofHours(5));

    assertThat(checks.run().healthy()).isTrue();
  }

  @Test
  void storage_that_refuses_writes_is_reported_but_feeds_the_watchdog_by_default() {
    probes.storage = new StorageHealth(false, "disk full: 0 bytes free", 12);

    HealthVerdict verdict = checks(false).run();

    assertThat(verdict.healthy()).isFalse();
    assertThat(verdict.feedWatchdog()).isTrue();
    assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("disk full"));
  }

  @Test
  void storage_failures_withhold_the_watchdog_when_configured_to() {
    probes.storage = new StorageHealth(false, "disk full: 0 bytes free", 12);

    assertThat(checks(true).run().feedWatchdog()).isFalse();
  }

  @Test
  void a_probe_write_that_never_finishes_means_a_stuck_writer() {
    probes.probe = new CompletableFuture<>();

    HealthVerdict verdict = checks(false).run();

    assertThat(verdict.feedWatchdog()).isFalse();
    assertThat(verdict.withheldBecause())
        .singleElement()
        .asString()
        .contains("storage writer stuck");
  }

  @Test
  void entries_waiting_without_a_commit_for_30_s_mean_a_stuck_writer() {
    HealthChecks checks = checks(false);
    probes.storage = StorageHealth.healthy(500);
    checks.run();
    time.advance(Duration.ofSeconds(31));

    assertThat(checks.run().withheldBecause()).anySatisfy(p -> assertThat(p).contains("stuck"));
  }

  @Test
  void a_disk_below_the_floor_is_a_problem() {
    probes.freeBytes = 10L * 1024 * 1024;

    HealthVerdict verdict = checks(false).run();

    assertThat(verdict.problems()).singleElement().asString().contains("below the floor of 100 MB");
    assertThat(verdict.feedWatchdog()).isTrue();
  }

  private static final class FakeProbes implements HealthChecks.Probes {
    boolean domainStuck;
    long frames;
    String protocol = "psp";
    StorageHealth storage = StorageHealth.healthy(0);
    CompletableFuture<Void> probe = CompletableFuture.completedFuture(null);
    long freeBytes = 10L * 1024 * 1024 * 1024;

    @Override
    public StatusView status() {
      if (domainStuck) {
        throw new IllegalStateException("the gateway is busy");
      }
      return new StatusView(
          "hq",
          "test",
          "2026-11-21T08:00:00Z",
          0,
          Map.of(),
          Map.of(),
          List.of(new BusView("bus1", "/dev/ttyUSB0", protocol, true, frames, Map.of(), Map.of())),
          List.of(),
          0,
          "ok",
          0,
          List.of(),
          true,
          null);
    }

    @Override
    public StorageHealth storage() {
      return storage;
    }

    @Override
    public long lastCommittedSeq() {
      return 7;
    }

    @Override
    public CompletableFuture<Void> probeWrite() {
      return probe;
    }

    @Override
    public OptionalLong diskFreeBytes() {
      return OptionalLong.of(freeBytes);
    }
  }
}
