package dev.parkedge.gateway.display.lorawan;

import static dev.parkedge.gateway.display.lorawan.DisplayNames.light;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.name;
import static dev.parkedge.gateway.display.lorawan.DisplayNames.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.lorawan.DownlinkScheduler.Downlink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A busy lot: 1,000 state changes over ten minutes on 80 space lights and 20 count signs, then as
 * long as the budget needs to put every display right. Time moves a second per tick.
 */
class DownlinkBurstTest {

  private static final int LIGHTS = 80;
  private static final int SIGNS = 20;
  private static final int CHANGES = 1000;
  private static final long BURST_NANOS = Duration.ofMinutes(10).toNanos();
  private static final long TICK_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long GIVE_UP_NANOS = Duration.ofHours(12).toNanos();
  private static final Color[] COLORS = {Color.GREEN, Color.RED, Color.BLUE, Color.AMBER};

  private record Change(long atNanos, DeviceAddress display, DisplayState state) {}

  private record Sent(long atNanos, Downlink downlink) {}

  @ParameterizedTest(name = "{0} with {1} of each hour")
  @CsvSource({"SF9BW125, 0.05", "SF9BW125, 0.01", "SF12BW125, 0.05", "SF7BW125, 0.01"})
  void a_burst_of_changes_stays_within_the_budget_and_every_display_ends_on_its_newest_state(
      String dataRate, double budgetFraction) {
    LorawanDisplayConfig config =
        new LorawanDisplayConfig(
            10,
            Duration.ofSeconds(30),
            budgetFraction,
            Duration.ofHours(1),
            dataRate,
            Duration.ZERO);
    DownlinkScheduler scheduler = new DownlinkScheduler(config, DisplayModels.builtIn());
    List<Change> changes = burst(new Random(20261121L));
    Map<DeviceAddress, DisplayState> newest = new HashMap<>();
    Map<DeviceAddress, Sent> last = new HashMap<>();
    List<Sent> sent = new ArrayList<>();
    long minInterval = config.minInterval().toNanos();

    int next = 0;
    long now = 0;
    for (; now <= GIVE_UP_NANOS; now += TICK_NANOS) {
      while (next < changes.size() && changes.get(next).atNanos() <= now) {
        Change change = changes.get(next++);
        newest.put(change.display(), change.state());
        scheduler.offer(change.display(), change.state());
      }
      List<Downlink> due = scheduler.due(now);
      assertSignsWentFirst(now, due, newest, last, minInterval);
      for (Downlink downlink : due) {
        Sent previous = last.put(downlink.display(), new Sent(now, downlink));
        assertThat(previous == null || now - previous.atNanos() >= minInterval)
            .as("%s sent again %s after its previous downlink", name(downlink.display()), now)
            .isTrue();
        sent.add(new Sent(now, downlink));
      }
      if (next == changes.size() && scheduler.queued() == 0) {
        break;
      }
    }

    assertThat(now).as("every display has its newest state within 12 h").isLessThan(GIVE_UP_NANOS);
    newest.forEach(
        (display, state) ->
            assertThat(last.get(display).downlink().state()).as(name(display)).isEqualTo(state));
    assertWindowsWithinBudget(sent, config);
    AirtimeBudget.Use use = scheduler.use(now);
    assertThat(use.deferred()).as("the budget held displays back").isPositive();
    assertThat(scheduler.commanded()).isEqualTo(CHANGES);
    assertThat(scheduler.sent() + scheduler.coalesced()).isEqualTo(CHANGES);
    assertThat(lastSettled(sent, newest, true))
        .as("the signs settled before the lights")
        .isLessThanOrEqualTo(lastSettled(sent, newest, false));
  }

  /** 1,000 changes at random instants of the burst, each to a random display. */
  private static List<Change> burst(Random random) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      long at = (long) (random.nextDouble() * BURST_NANOS);
      int display = random.nextInt(LIGHTS + SIGNS);
      changes.add(
          display < LIGHTS
              ? new Change(
                  at,
                  light(display + 1),
                  new DisplayState.Light(COLORS[random.nextInt(COLORS.length)], Pattern.SOLID))
              : new Change(
                  at,
                  sign(display - LIGHTS + 1),
                  new DisplayState.Count(random.nextInt(60), Arrow.LEFT, Color.GREEN)));
    }
    changes.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
    return changes;
  }

  /**
   * Within a tick the signs come first; and a light goes out only when no sign that is behind its
   * newest state could have been sent instead (each such sign is still within its interval).
   */
  private static void assertSignsWentFirst(
      long now,
      List<Downlink> due,
      Map<DeviceAddress, DisplayState> newest,
      Map<DeviceAddress, Sent> last,
      long minInterval) {
    boolean lightSeen = false;
    for (Downlink downlink : due) {
      boolean isSign = downlink.state() instanceof DisplayState.Count;
      assertThat(isSign && lightSeen).as("a sign after a light at %d", now).isFalse();
      lightSeen |= !isSign;
    }
    if (!lightSeen) {
      return;
    }
    for (int n = 1; n <= SIGNS; n++) {
      DeviceAddress sign = sign(n);
      DisplayState wanted = newest.get(sign);
      Sent previous = last.get(sign);
      boolean behind =
          wanted != null && (previous == null || !previous.downlink().state().equals(wanted));
      boolean sentNow = due.stream().anyMatch(d -> d.display().equals(sign));
      if (behind && !sentNow) {
        assertThat(previous != null && now - previous.atNanos() < minInterval)
            .as("C%d waited while a light went out at %d", n, now)
            .isTrue();
      }
    }
  }

  /**
   * The airtime of every window ending at a send is within the budget (any window's sends lie in
   * the window ending at its last send), and lights alone never reach into the count reserve.
   */
  private static void assertWindowsWithinBudget(List<Sent> sent, LorawanDisplayConfig config) {
    long window = config.window().toNanos();
    long budget = config.budget().toNanos();
    long lightsMax = budget - Math.round(budget * DownlinkScheduler.COUNT_RESERVE);
    int first = 0;
    long used = 0;
    for (Sent send : sent) {
      used += send.downlink().airtime().toNanos();
      while (send.atNanos() - sent.get(first).atNanos() >= window) {
        used -= sent.get(first++).downlink().airtime().toNanos();
      }
      assertThat(used)
          .as("airtime of the hour up to %d", send.atNanos())
          .isLessThanOrEqualTo(budget);
      if (send.downlink().state() instanceof DisplayState.Light) {
        assertThat(used).as("a light sent into the reserve").isLessThanOrEqualTo(lightsMax);
      }
    }
  }

  /** When the last sign (or light) received its final state. */
  private static long lastSettled(
      List<Sent> sent, Map<DeviceAddress, DisplayState> newest, boolean signs) {
    Map<DeviceAddress, Long> settled = new HashMap<>();
    for (Sent send : sent) {
      settled.put(send.downlink().display(), send.atNanos());
    }
    return newest.keySet().stream()
        .filter(d -> (newest.get(d) instanceof DisplayState.Count) == signs)
        .mapToLong(settled::get)
        .max()
        .orElseThrow();
  }
}
