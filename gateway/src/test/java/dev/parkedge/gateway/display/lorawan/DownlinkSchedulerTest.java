package dev.parkedge.gateway.display.lorawan;

import static dev.parkedge.gateway.display.lorawan.DisplayNames.address;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.describe;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.light;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.name;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.sign;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.lorawan.DownlinkScheduler.Downlink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DownlinkSchedulerTest {

  /** SF9BW125 downlink of a psp1-lorawan light or sign: 226.304 ms (see DownlinkAirtimeTest). */
  private static final Duration ONE_DOWNLINK = Duration.ofNanos(226_304_000);

  private final FakeTime time = new FakeTime();

  /**
   * A scenario: at each second the offers of that second are made, then what is due is sent.
   *
   * @param events {@code "<seconds>s <display> <state>"}
   * @param sent {@code "<seconds>s <display> <state>"}, with {@code " (refresh)"} for a refresh
   */
  record Scenario(String name, Duration refresh, List<String> events, List<String> sent) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Scenario> scenarios() {
    Duration off = Duration.ZERO;
    Duration tenMinutes = Duration.ofMinutes(10);
    return Stream.of(
        new Scenario(
            "sends_a_display_its_first_state_at_once",
            off,
            List.of("0s L1 green"),
            List.of("0s L1 green")),
        new Scenario(
            "sends_only_the_newest_of_the_changes_made_within_the_interval",
            off,
            List.of("0s L1 green", "5s L1 red", "10s L1 blue", "20s L1 amber"),
            List.of("0s L1 green", "30s L1 amber")),
        new Scenario(
            "does_not_resend_the_state_a_display_already_shows",
            off,
            List.of("0s L1 green", "40s L1 green", "50s C1 7", "90s C1 7"),
            List.of("0s L1 green", "50s C1 7")),
        new Scenario(
            "drops_a_change_undone_before_it_went_out",
            off,
            List.of("0s L1 green", "10s L1 red", "20s L1 green"),
            List.of("0s L1 green")),
        new Scenario(
            "sends_a_change_at_once_when_the_interval_has_passed",
            off,
            List.of("0s L1 green", "45s L1 red"),
            List.of("0s L1 green", "45s L1 red")),
        new Scenario(
            "paces_each_display_on_its_own",
            off,
            List.of("0s L1 green", "0s L2 green", "10s L1 red", "40s L2 red"),
            List.of("0s L1 green", "0s L2 green", "30s L1 red", "40s L2 red")),
        new Scenario(
            "sends_signs_before_lights_due_at_the_same_time",
            off,
            List.of("0s L1 green", "0s C1 12", "0s L2 red", "0s C2 3"),
            List.of("0s C1 12", "0s C2 3", "0s L1 green", "0s L2 red")),
        new Scenario(
            "sends_a_sign_before_a_light_that_changed_earlier",
            off,
            List.of("0s L1 green", "0s C1 5", "10s L1 red", "20s C1 4"),
            List.of("0s C1 5", "0s L1 green", "30s C1 4", "30s L1 red")),
        new Scenario(
            "sends_lights_in_the_order_they_changed",
            off,
            List.of("0s L2 green", "0s L1 green", "5s L1 red", "10s L2 red"),
            List.of("0s L2 green", "0s L1 green", "30s L1 red", "30s L2 red")),
        new Scenario(
            "blanks_a_sign",
            off,
            List.of("0s C1 12", "31s C1 blank"),
            List.of("0s C1 12", "31s C1 blank")),
        new Scenario(
            "re_sends_the_last_state_after_the_refresh_period",
            tenMinutes,
            List.of("0s L1 green"),
            List.of("0s L1 green", "600s L1 green (refresh)")),
        new Scenario(
            "counts_the_refresh_period_from_the_last_downlink",
            tenMinutes,
            List.of("0s L1 green", "300s L1 red", "600s L1 red"),
            List.of("0s L1 green", "300s L1 red", "900s L1 red (refresh)")),
        new Scenario(
            "never_refreshes_when_refresh_is_off",
            off,
            List.of("0s L1 green", "0s C1 3"),
            List.of("0s C1 3", "0s L1 green")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(Scenario scenario) {
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(scenario.refresh(), 0.05), DisplayModels.builtIn());
    long start = time.getAsLong();
    long end = 0;
    for (String line : scenario.events()) {
      end = Math.max(end, seconds(line));
    }
    for (String line : scenario.sent()) {
      end = Math.max(end, seconds(line));
    }
    end += 120;

    List<String> sent = new ArrayList<>();
    for (long second = 0; second <= end; second++) {
      for (String line : scenario.events()) {
        if (seconds(line) == second) {
          String[] parts = line.split(" ");
          scheduler.offer(address(parts[1]), state(parts[2]));
        }
      }
      for (Downlink downlink : scheduler.due(start + Duration.ofSeconds(second).toNanos())) {
        sent.add(
            second
                + "s "
                + name(downlink.display())
                + " "
                + describe(downlink.state())
                + (downlink.refresh() ? " (refresh)" : ""));
      }
    }

    assertThat(sent).containsExactlyElementsOf(scenario.sent());
  }

  @Test
  void counts_what_it_sent_coalesced_and_still_holds() {
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(Duration.ZERO, 0.05), DisplayModels.builtIn());
    scheduler.offer(light(1), state("green"));
    scheduler.due(now());
    time.advance(Duration.ofSeconds(5));
    scheduler.offer(light(1), state("red"));
    scheduler.offer(light(1), state("blue"));
    scheduler.offer(light(2), state("green"));
    scheduler.offer(light(2), state("green"));
    scheduler.due(now());

    AirtimeBudget.Use use = scheduler.use(now());

    assertThat(use)
        .isEqualTo(
            new AirtimeBudget.Use(
                ONE_DOWNLINK.multipliedBy(2),
                Duration.ofMinutes(3),
                Duration.ofHours(1),
                1,
                2,
                0,
                2));
    assertThat(scheduler.commanded()).isEqualTo(5);
  }

  @Test
  void holds_lights_back_when_only_the_count_sign_reserve_is_left() {
    // 2.3 s per hour: ten downlinks of 226.304 ms, of which the last 0.46 s (20 %) only signs use.
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(Duration.ZERO, 2.3 / 3600), DisplayModels.builtIn());
    for (int n = 1; n <= 12; n++) {
      scheduler.offer(light(n), state("green"));
    }

    List<Downlink> first = scheduler.due(now());

    assertThat(names(first)).containsExactly("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8");
    assertThat(scheduler.heldBack()).isTrue();

    time.advance(Duration.ofSeconds(1));
    for (int n = 1; n <= 3; n++) {
      scheduler.offer(sign(n), state("40"));
    }
    List<Downlink> signs = scheduler.due(now());

    assertThat(names(signs)).as("signs may use the reserve").containsExactly("C1", "C2");
    AirtimeBudget.Use use = scheduler.use(now());
    assertThat(use.used()).isEqualTo(ONE_DOWNLINK.multipliedBy(10));
    assertThat(use.queued()).isEqualTo(5);
    assertThat(use.deferred()).isEqualTo(5);

    time.advance(Duration.ofHours(1).minusSeconds(1).minusNanos(1));
    assertThat(scheduler.due(now())).as("the first eight are still in the window").isEmpty();
    assertThat(scheduler.nanosUntilDue(now())).isEqualTo(1);

    time.advance(Duration.ofNanos(1));
    assertThat(names(scheduler.due(now()))).containsExactly("C3", "L9", "L10", "L11", "L12");
    assertThat(scheduler.use(now()).queued()).isZero();
  }

  @Test
  void lets_no_light_overtake_a_sign_held_back_by_the_budget() {
    // Signs of this model take 1.066 s on air, lights 0.144 s. With 1.8 s per hour, after one sign
    // a second one does not fit, but a light would (1.066 + 0.144 + the 0.36 s reserve < 1.8).
    DisplayModel bigSigns =
        new DisplayModel() {
          @Override
          public String id() {
            return "big-signs";
          }

          @Override
          public byte[] encode(long device, DisplayState state, int seq) {
            return new byte[state instanceof DisplayState.Count ? 200 : 1];
          }
        };
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(Duration.ZERO, 1.8 / 3600), DisplayModels.of(bigSigns));
    DeviceAddress sign = new DeviceAddress(1, "lorawan", "big-signs");
    DeviceAddress light = new DeviceAddress(2, "lorawan", "big-signs");
    scheduler.offer(sign, state("9"));
    assertThat(scheduler.due(now())).hasSize(1);

    time.advance(Duration.ofMinutes(1));
    scheduler.offer(sign, state("8"));
    scheduler.offer(light, state("red"));

    assertThat(scheduler.due(now())).isEmpty();
    assertThat(scheduler.use(now()).deferred()).isEqualTo(2);
  }

  @Test
  void tells_how_long_until_something_may_be_due() {
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(Duration.ofMinutes(10), 0.05), DisplayModels.builtIn());
    assertThat(scheduler.nanosUntilDue(now())).isEqualTo(Long.MAX_VALUE);

    scheduler.offer(light(1), state("green"));
    scheduler.due(now());
    assertThat(scheduler.nanosUntilDue(now()))
        .as("the refresh")
        .isEqualTo(Duration.ofMinutes(10).toNanos());

    time.advance(Duration.ofSeconds(10));
    scheduler.offer(light(1), state("red"));
    assertThat(scheduler.nanosUntilDue(now()))
        .as("the end of the interval")
        .isEqualTo(Duration.ofSeconds(20).toNanos());
  }

  @Test
  void refuses_a_display_of_a_model_it_does_not_know() {
    DownlinkScheduler scheduler =
        new DownlinkScheduler(config(Duration.ZERO, 0.05), DisplayModels.builtIn());
    DeviceAddress sensor = new DeviceAddress(1, "lorawan", "nwave-nps405");

    assertThat(scheduler.knows(sensor)).isFalse();
    assertThat(scheduler.knows(DeviceAddress.psp(1, "bus1"))).isFalse();
    assertThat(scheduler.knows(light(1))).isTrue();
    assertThatThrownBy(() -> scheduler.offer(sensor, state("green")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nwave-nps405, not a LoRaWAN display model [psp1-lorawan]");
  }

  static LorawanDisplayConfig config(Duration refresh, double budgetFraction) {
    return new LorawanDisplayConfig(
        10, Duration.ofSeconds(30), budgetFraction, Duration.ofHours(1), "SF9BW125", refresh);
  }

  private long now() {
    return time.getAsLong();
  }

  private static long seconds(String line) {
    return Long.parseLong(line.substring(0, line.indexOf('s')));
  }

  private static List<String> names(List<Downlink> downlinks) {
    return downlinks.stream().map(d -> name(d.display())).toList();
  }
}
