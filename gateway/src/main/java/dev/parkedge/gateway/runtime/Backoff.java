package dev.parkedge.gateway.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with proportional jitter, for reopening a device or retrying a write: the
 * first delay is {@code initial}, each later one doubles up to {@code max}, and each is spread by
 * up to {@code ±jitter} of itself so that several buses that failed together do not retry in step.
 */
public final class Backoff {

  private final long initialNanos;
  private final long maxNanos;
  private final double jitter;
  private final DoubleSupplier random;

  /**
   * @param jitter 0..1, the fraction of a delay it may be moved by either way
   * @param random uniform in [0, 1)
   */
  public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("backoff jitter must be 0..1, got " + jitter);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.jitter = jitter;
    this.random = random;
  }

  /** 0.5 s doubling to 30 s, ±20 %: for reopening a serial port or retrying a sign. */
  public static Backoff forDevices() {
    return new Backoff(
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        0.2,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * 1 s doubling to 60 s, ±30 %: for reconnecting to a broker, which many gateways of a fleet may
   * hit at once after it restarts; the wide jitter spreads them out.
   */
  public static Backoff forBroker() {
    return new Backoff(
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        0.3,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before retry number {@code attempt} (0 for the first retry after a failure). */
  public long delayNanos(int attempt) {
    int doublings = Math.min(Math.max(attempt, 0), 62);
    long base = initialNanos;
    for (int i = 0; i < doublings && base < maxNanos; i++) {
      base *= 2;
    }
    base = Math.min(base, maxNanos);
    double spread = (random.getAsDouble() * 2 - 1) * jitter;
    return Math.max(1, Math.round(base * (1 + spread)));
  }
}
