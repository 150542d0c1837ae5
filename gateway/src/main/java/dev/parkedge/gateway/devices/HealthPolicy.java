package dev.parkedge.gateway.devices;

import java.time.Duration;

/**
 * Thresholds for the health verdict. Defaults are what a parking sensor in good order stays within;
 * a device outside any of them is degraded, with the first reason found.
 *
 * @param staleAfter a sensor silent this long is stale
 * @param lowBatteryMv battery below this is degraded
 * @param weakRssiDbm radio RSSI below this is degraded
 * @param maxLostRatio more than this share of frames lost (by seq gaps) is degraded
 * @param maxFlapsPerHour more state changes than this in the last hour is degraded
 */
public record HealthPolicy(
    Duration staleAfter,
    int lowBatteryMv,
    int weakRssiDbm,
    double maxLostRatio,
    int maxFlapsPerHour) {

  public static HealthPolicy withStaleAfter(Duration staleAfter) {
    return new HealthPolicy(staleAfter, 3000, -120, 0.10, 30);
  }
}
