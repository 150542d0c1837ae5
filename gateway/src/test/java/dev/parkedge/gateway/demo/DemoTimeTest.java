package dev.parkedge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoTimeTest {
  private static final Instant START = Instant.parse("2026-11-22T06:00:00Z");

  @Test
  void seen_in_another_zone_the_demo_clock_tells_the_same_simulated_instant() {
    DemoTime time = new DemoTime(START, 60);
    Clock berlin = time.withZone(ZoneId.of("Europe/Berlin"));

    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.instant()).isEqualTo(START); // stands still until go()
    assertThat(berlin.withZone(ZoneOffset.UTC)).isSameAs(time);
    assertThat(time.withZone(ZoneOffset.UTC)).isSameAs(time);
  }
}
