package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.sensing.SensingService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the wall clock can be trusted. Gateways often boot with a wrong clock (no RTC:
 * 1970 until NTP answers) or have it stepped later. The clock is trusted when it reads a plausible
 * date and has not jumped backwards recently; every jump beyond {@link #TOLERANCE} is reported.
 * Durations never come from the wall clock: they use monotonic time.
 */
final class ClockWatch {

  private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);

  /** Steps NTP makes silently are far smaller than this. */
  static final Duration TOLERANCE = SensingService.CLOCK_TOLERANCE;

  /** A wall clock before this cannot be right: this software did not exist yet. */
  static final Instant PLAUSIBLE_FROM = Instant.parse("2026-01-01T00:00:00Z");

  /** After a backwards jump, the clock is distrusted this long. */
  static final Duration DISTRUST_AFTER_BACKWARDS_JUMP = Duration.ofHours(1);

  /** A jump of the wall clock against monotonic time. */
  record Jump(Instant from, Instant to, Duration by) {}

  private final Clock clock;
  private final LongSupplier nanoTime;
  private Instant lastWall;
  private long lastNanos;
  private boolean jumpedBack;
  private long distrustUntilNanos;

  ClockWatch(Clock clock, LongSupplier nanoTime) {
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.lastWall = clock.instant();
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Compares wall and monotonic progress since the last check; returns a jump, or null. */
  Jump check() {
    Instant wall = clock.instant();
    long nanos = nanoTime.getAsLong();
    Duration wallElapsed = Duration.between(lastWall, wall);
    Duration monoElapsed = Duration.ofNanos(nanos - lastNanos);
    Duration drift = wallElapsed.minus(monoElapsed);
    Jump jump = null;
    if (drift.abs().compareTo(TOLERANCE) > 0) {
      jump = new Jump(lastWall.plus(monoElapsed), wall, drift);
      if (drift.isNegative()) {
        jumpedBack = true;
        distrustUntilNanos = nanos + DISTRUST_AFTER_BACKWARDS_JUMP.toNanos();
      }
      log.warn("clock: wall clock jumped by {} ms (to {})", drift.toMillis(), wall);
    }
    lastWall = wall;
    lastNanos = nanos;
    return jump;
  }

  /** Whether events stamped now can trust the wall clock. */
  boolean trusted() {
    boolean recentlyBack = jumpedBack && nanoTime.getAsLong() - distrustUntilNanos < 0;
    return !clock.instant().isBefore(PLAUSIBLE_FROM) && !recentlyBack;
  }
}
