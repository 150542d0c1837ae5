package dev.parkedge.gateway.display.lorawan;

import java.time.Duration;
import java.util.Objects;

/**
 * How LoRaWAN displays are driven.
 *
 * @param fPort the LoRaWAN port downlinks go to, 1..223
 * @param minInterval the least time between two downlinks to one display; a change sooner waits and
 *     goes out (as the newest state) when the interval ends
 * @param budgetFraction the share of each {@code window} that display downlinks may occupy the air,
 *     more than 0 and at most 1 (0.05 is 5 %)
 * @param window the sliding window the budget is measured over (ETSI EN 300 220 observes duty cycle
 *     over one hour)
 * @param dataRate the data rate the network server sends class C downlinks at (its RX2 data rate),
 *     e.g. {@code SF9BW125}; normalised to upper case
 * @param refresh a display is re-sent its state after this long without a downlink; zero turns the
 *     re-sending off
 */
public record LorawanDisplayConfig(
    int fPort,
    Duration minInterval,
    double budgetFraction,
    Duration window,
    String dataRate,
    Duration refresh) {

  public LorawanDisplayConfig {
    if (fPort < 1 || fPort > 223) {
      throw new IllegalArgumentException("LoRaWAN display fPort must be 1..223, got " + fPort);
    }
    Objects.requireNonNull(minInterval, "minInterval");
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException(
          "display min interval must not be negative: " + minInterval);
    }
    if (!(budgetFraction > 0 && budgetFraction <= 1)) {
      throw new IllegalArgumentException(
          "airtime budget must be more than 0 % and at most 100 %, got "
              + budgetFraction * 100
              + " %");
    }
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("airtime window must be positive, got " + window);
    }
    Objects.requireNonNull(dataRate, "dataRate");
    dataRate = DataRate.parse(dataRate).name();
    Objects.requireNonNull(refresh, "refresh");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("display refresh must not be negative: " + refresh);
    }
  }

  /**
   * fPort 10; 30 s between downlinks to one display; 5 % of each hour on air; SF9BW125 (The Things
   * Stack's EU868 RX2 data rate, DR3); each display re-sent its state after 6 h without a downlink.
   */
  public static LorawanDisplayConfig defaults() {
    return new LorawanDisplayConfig(
        10, Duration.ofSeconds(30), 0.05, Duration.ofHours(1), "SF9BW125", Duration.ofHours(6));
  }

  /** The parsed {@link #dataRate}. */
  public DataRate downlinkDataRate() {
    return DataRate.parse(dataRate);
  }

  /** The airtime allowed per window. */
  public Duration budget() {
    return Duration.ofNanos(Math.round(window.toNanos() * budgetFraction));
  }

  /** Whether displays are re-sent their state periodically. */
  public boolean refreshes() {
    return !refresh.isZero();
  }
}
