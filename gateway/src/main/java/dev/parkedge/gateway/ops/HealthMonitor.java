package dev.parkedge.gateway.ops;

import dev.parkedge.sync.contract.systemd.Notifier;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health checks on their own thread ({@code health}) and feeds systemd's watchdog only
 * after a round in which nothing a restart could cure was found. A stuck check stops the feeding
 * too, because the next round never comes: that is the point of a watchdog.
 */
public final class HealthMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

  /** Checks run this often when no watchdog asks for more. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

  private final HealthChecks checks;
  private final Notifier notifier;
  private final Duration period;
  private final ScheduledExecutorService thread;
  private volatile HealthVerdict latest = HealthVerdict.NOT_YET_CHECKED;
  private String lastStatus = "";

  public HealthMonitor(HealthChecks checks, Notifier notifier) {
    this.checks = checks;
    this.notifier = notifier;
    this.period = periodFor(notifier);
    this.thread = BackgroundThread.named("health");
  }

  /**
   * A third of WatchdogSec (sd_watchdog_enabled(3) advises half; a third leaves room for one slow
   * round), at most {@link #DEFAULT_PERIOD}, at least 1 s.
   */
  static Duration periodFor(Notifier notifier) {
    return notifier
        .watchdogTimeout()
        .map(timeout -> timeout.dividedBy(3))
        .map(third -> third.compareTo(DEFAULT_PERIOD) > 0 ? DEFAULT_PERIOD : third)
        .map(third -> third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : third)
        .orElse(DEFAULT_PERIOD);
  }

  public void start() {
    thread.scheduleWithFixedDelay(this::round, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "health: checks every {} s{}",
        period.toSeconds(),
        notifier
            .watchdogTimeout()
            .map(t -> ", feeding systemd's watchdog (WatchdogSec=" + t.toSeconds() + "s)")
            .orElse(""));
  }

  /** One round; public for tests. Catches everything: a scheduled task that throws stops. */
  public HealthVerdict round() {
    try {
      HealthVerdict verdict = checks.run();
      latest = verdict;
      if (verdict.feedWatchdog()) {
        notifier.watchdog();
      }
      report(verdict);
      return verdict;
    } catch (RuntimeException e) {
      log.error("health: a round of checks failed; the watchdog is not fed", e);
      return latest;
    }
  }

  private void report(HealthVerdict verdict) {
    String status =
        verdict.healthy()
            ? "healthy"
            : (verdict.feedWatchdog() ? "degraded: " : "UNHEALTHY (watchdog withheld): ")
                + String.join("; ", verdict.problems());
    if (!status.equals(lastStatus)) {
      if (verdict.healthy()) {
        log.info(lastStatus.isEmpty() ? "health: all checks pass" : "health: healthy again");
      } else {
        log.warn("health: {}", status);
      }
      notifier.status(status);
      lastStatus = status;
    }
  }

  public HealthVerdict latest() {
    return latest;
  }

  /** "fed every 10 s", "withheld: ...", or "off" when no watchdog is asked for. */
  public String watchdogState() {
    if (notifier.watchdogTimeout().isEmpty()) {
      return "off";
    }
    HealthVerdict verdict = latest;
    return verdict.feedWatchdog()
        ? "fed every " + period.toSeconds() + " s"
        : "withheld: " + String.join("; ", verdict.withheldBecause());
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
