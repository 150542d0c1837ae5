package dev.parkedge.sync.contract.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {

  @Test
  void does_nothing_outside_systemd() {
    assertThat(SystemdNotifier.from(Map.of(), 42)).isSameAs(Notifier.NONE);
  }

  @Test
  void reads_the_watchdog_timeout_meant_for_this_process() {
    assertThat(SystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "60000000"), 42))
        .contains(Duration.ofSeconds(60));
    assertThat(
            SystemdNotifier.watchdogTimeout(
                Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "42"), 42))
        .contains(Duration.ofSeconds(60));
    assertThat(
            SystemdNotifier.watchdogTimeout(
                Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "7"), 42))
        .isEmpty();
    assertThat(SystemdNotifier.watchdogTimeout(Map.of(), 42)).isEmpty();
  }
}
