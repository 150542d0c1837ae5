package dev.parkedge.gateway.devices;

import java.time.Instant;

/**
 * Everything the gateway knows about one device right now, for the local API and the demo view.
 *
 * @param space the space it watches or lights, or null
 * @param zone the zone of that space, or null
 * @param flapsPerHour state changes it reported in the last hour, to five minutes (sensors)
 * @param batteryPercent battery level a LoRaWAN network server reported, or null
 * @param marginDb link margin a LoRaWAN network server reported (dB), or null
 */
public record DeviceStatus(
    long eui,
    DeviceRole role,
    String bus,
    String space,
    String zone,
    Instant firstSeen,
    Instant lastSeen,
    long frames,
    long duplicates,
    long lost,
    Integer batteryMv,
    Integer temperatureC,
    Integer rssiDbm,
    Double snrDb,
    String firmware,
    int flapsPerHour,
    Health health,
    Integer batteryPercent,
    Integer marginDb) {}
