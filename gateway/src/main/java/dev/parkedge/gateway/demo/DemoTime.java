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
  private final long origin = System.nanoTime();
  private final double speed;
  private volatile long goNanos; // 0: stands still at start

  /** A clock that stands at {@code start} until {@link #go}. */
  DemoTime(Instant start, double speed) {
    if (!(speed >= 1)) {
      throw new IllegalArgumentException("demo speed must be at least 1, got " + speed);
    }
    this.start = start;
    this.speed = speed;
  }

  /**
   * Starts the day: until now the clock stood still (wall and monotonic alike), so that starting
   * the gateway, the broker and the agent costs the site none of its morning.
   */
  void go() {
    goNanos = System.nanoTime();
  }

  double speed() {
    return speed;
  }

  /** Simulated nanoseconds since an arbitrary origin (the gateway's monotonic source). */
  long nanoTime() {
    long go = goNanos;
    return go == 0 ? origin : origin + (long) ((System.nanoTime() - go) * speed);
  }

  /** How long a real duration lasts in simulated time. */
  Duration simulated(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanoTime() - origin);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same simulated instants, seen in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(getZone()) ? this : new Zoned(this, zone);
  }

  private static final class Zoned extends Clock {
    private final DemoTime time;
    private final ZoneId zone;

    Zoned(DemoTime time, ZoneId zone) {
      this.time = time;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return time.instant();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return time.withZone(other);
    }
  }
}
