package dev.parkedge.gateway.devices;

import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway has learnt about one device, persisted so health survives a restart. Nullable
 * fields are null until the device has reported them.
 *
 * @param eui the device's EUI-64
 * @param bus the bus it was last heard on (or is configured on)
 * @param firstSeen when it was first heard, null if never
 * @param lastSeen when it was last heard, null if never
 * @param frames good frames received
 * @param duplicates frames dropped as duplicates
 * @param lost frames missing by sequence-number gaps
 * @param rssiDbm RSSI of the last radio envelope that carried it
 * @param snrDb SNR of the last radio envelope that carried it
 * @param firmware "major.minor" from its last heartbeat
 */
public record DeviceRecord(
    long eui,
    String bus,
    Instant firstSeen,
    Instant lastSeen,
    long frames,
    long duplicates,
    long lost,
    Integer batteryMv,
    Integer temperatureC,
    Integer rssiDbm,
    Double snrDb,
    String firmware) {
  public DeviceRecord {
    Objects.requireNonNull(bus, "bus");
  }
}
