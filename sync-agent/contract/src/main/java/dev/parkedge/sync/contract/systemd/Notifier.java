package dev.parkedge.sync.contract.systemd;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells the service manager how the daemon is doing (systemd's sd_notify protocol): ready, alive
 * and healthy, a one-line status, stopping. A port: {@link SystemdNotifier} is the adapter; the
 * gateway and the sync-agent both use it.
 */
public interface Notifier {

  /** {@code READY=1}: started, serving, every display re-sent. */
  void ready(String status);

  /** {@code WATCHDOG=1}: healthy now. Sent only by the health monitor, only when healthy. */
  void watchdog();

  /** {@code STATUS=...}: shown by {@code systemctl status}. */
  void status(String text);

  /** {@code STOPPING=1}. */
  void stopping();

  /** How often systemd expects {@link #watchdog()} ({@code WatchdogSec=}), when it does. */
  Optional<Duration> watchdogTimeout();

  /** Says nothing to anyone: not under systemd, tests, the demo. */
  Notifier NONE =
      new Notifier() {
        @Override
        public void ready(String status) {}

        @Override
        public void watchdog() {}

        @Override
        public void status(String text) {}

        @Override
        public void stopping() {}

        @Override
        public Optional<Duration> watchdogTimeout() {
          return Optional.empty();
        }
      };
}
