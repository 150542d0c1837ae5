package dev.parkedge.gateway.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's time: a day at the site compressed into the run. Wall clock and monotonic time run
 * {@code speed} times faster than real time, together, so the gateway's clock watch sees no jump
 * (and trusts the clock), tariffs charge for hours, and reservations start and end while you watch.
 */
final class DemoTime extends Clock {

  private final Instant start;
  private final long startNanos;
  private final double speed;

  DemoTime(Instant start, double speed) {
    this(start, speed, System.nanoTime());
  }

  private DemoTime(Instant start, double speed, long startNanos) {
    if (!(speed >= 1)) {
      throw new IllegalArgumentException("demo speed must be at least 1, got " + speed);
    }
    this.start = start;
    this.speed = speed;
    this.startNanos = startNanos;
  }

  double speed() {
    return speed;
  }

  /** Simulated nanoseconds since an arbitrary origin (the gateway's monotonic source). */
  long nanoTime() {
    return startNanos + (long) ((System.nanoTime() - startNanos) * speed);
  }

  /** How long a real duration lasts in simulated time. */
  Duration simulated(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanoTime() - startNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo's clock is UTC");
  }
}
