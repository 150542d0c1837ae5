package dev.parkedge.gateway.ops;

import java.util.List;

/**
 * The outcome of one round of health checks.
 *
 * @param problems everything unhealthy now, one line each (empty when healthy)
 * @param feedWatchdog whether systemd's watchdog is fed: false only for problems a restart can cure
 *     (a stuck domain thread or storage writer, a bus fallen silent) — and for storage failures
 *     when {@code health.restart_on_storage_failure} says so
 * @param withheldBecause the problems that stop the watchdog being fed
 */
public record HealthVerdict(
    List<String> problems, boolean feedWatchdog, List<String> withheldBecause) {

  public HealthVerdict {
    problems = List.copyOf(problems);
    withheldBecause = List.copyOf(withheldBecause);
  }

  public static final HealthVerdict NOT_YET_CHECKED = new HealthVerdict(List.of(), true, List.of());

  public boolean healthy() {
    return problems.isEmpty();
  }
}
