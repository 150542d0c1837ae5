package dev.parkedge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.FakeTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockWatchTest {

  @Test
  void a_clock_that_keeps_pace_with_monotonic_time_is_trusted() {
    FakeTime time = new FakeTime();
    ClockWatch watch = new ClockWatch(time, time);

    time.advance(Duration.ofSeconds(1));

    assertThat(watch.check()).isNull();
    assertThat(watch.trusted()).isTrue();
  }

  @Test
  void a_backwards_jump_is_reported_and_distrusted_for_an_hour() {
    var wall = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    FakeTime mono = new FakeTime();
    ClockWatch watch = new ClockWatch(wall, mono);

    wall.now = wall.now.minusSeconds(30);
    mono.advance(Duration.ofSeconds(1));
    ClockWatch.Jump jump = watch.check();

    assertThat(jump.by()).isEqualTo(Duration.ofSeconds(-31));
    assertThat(watch.trusted()).isFalse();
    mono.advance(Duration.ofMinutes(61));
    wall.now = wall.now.plus(Duration.ofMinutes(61));
    assertThat(watch.trusted()).isTrue();
  }

  @Test
  void a_clock_reading_a_date_before_this_software_existed_is_not_trusted() {
    var wall = new MutableClock(Instant.parse("1970-01-01T00:00:10Z"));
    ClockWatch watch = new ClockWatch(wall, new FakeTime());

    assertThat(watch.trusted()).isFalse();
  }

  /** A wall clock the test sets. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
