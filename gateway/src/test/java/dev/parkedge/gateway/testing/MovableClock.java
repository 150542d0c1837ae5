package dev.parkedge.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A wall clock and a monotonic clock a test moves, safe to read from the gateway's threads while
 * the test thread moves it (unlike {@link FakeTime}, which is for single-threaded tests).
 */
public final class MovableClock extends Clock implements LongSupplier {

  private final AtomicReference<Instant> now;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  public MovableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
    nanos.addAndGet(duration.toNanos());
  }

  public void set(Instant instant) {
    Instant before = now.getAndSet(instant);
    nanos.addAndGet(Duration.between(before, instant).toNanos());
  }

  @Override
  public long getAsLong() {
    return nanos.get();
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
    return now.get();
  }
}
