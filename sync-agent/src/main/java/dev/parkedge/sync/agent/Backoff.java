package dev.parkedge.sync.agent;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: exponential from {@code initial} to {@code max}, each drawn uniformly from [50
 * %, 150 %] of the nominal delay by a generator seeded with the site id and the start time, so the
 * sites of a fleet that lost the broker together come back spread out, not in one burst.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final Random random;
  private int attempt;

  Backoff(Duration initial, Duration max, String site) {
    this.initialMs = Math.max(1, initial.toMillis());
    this.maxMs = Math.max(initialMs, max.toMillis());
    this.random = new Random(site.hashCode() * 31L + System.nanoTime());
  }

  long nextMs() {
    long nominal = initialMs << Math.min(attempt++, 20);
    nominal = Math.min(nominal, maxMs);
    return Math.max(1, (long) (nominal * (0.5 + random.nextDouble())));
  }

  void reset() {
    attempt = 0;
  }
}
