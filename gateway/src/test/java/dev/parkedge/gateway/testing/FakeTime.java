package dev.parkedge.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A wall clock and a monotonic clock that move only when a test says so. */
public final class FakeTime extends Clock implements LongSupplier {

  private volatile Instant now = Instant.parse("2026-11-21T08:00:00Z");
  private volatile long nanos = 1_000_000_000L;

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
    nanos += duration.toNanos();
  }

  /** The wall clock alone is set (by NTP, an operator, a wrong RTC); monotonic time goes on. */
  public synchronized void jumpWall(Duration by) {
    now = now.plus(by);
  }

  @Override
  public long getAsLong() {
    return nanos;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
