package dev.parkedge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final long MS = 1_000_000;

  @Test
  void doubles_from_half_a_second_to_thirty_seconds_without_jitter() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, () -> 0.5);

    assertThat(IntStream.range(0, 10).mapToLong(a -> backoff.delayNanos(a) / MS).toArray())
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L);
  }

  @Test
  void spreads_each_delay_by_at_most_the_jitter_either_way() {
    Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, () -> 0.9999);

    assertThat(low.delayNanos(0) / MS).isEqualTo(400);
    assertThat(high.delayNanos(0) / MS).isEqualTo(599);
    assertThat(low.delayNanos(20) / MS).isEqualTo(24_000);
  }

  @Test
  void never_overflows_after_years_of_attempts() {
    Backoff backoff = Backoff.forDevices();

    assertThat(backoff.delayNanos(Integer.MAX_VALUE)).isBetween(24_000 * MS, 36_000 * MS);
  }

  @Test
  void refuses_a_maximum_below_the_first_delay() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2, () -> 0.5))
        .hasMessageContaining("0 < initial <= max");
  }
}
