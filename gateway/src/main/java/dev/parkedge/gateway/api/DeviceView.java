package dev.parkedge.gateway.api;

/**
 * One device as {@code parkedge devices --json} prints it. Instants are ISO-8601 UTC strings;
 * values a device has not reported are null.
 *
 * @param role sensor, indicator, sign, lane or unknown (an orphan)
 * @param health ok, degraded, stale or orphan
 * @param reason why the verdict is what it is, e.g. {@code battery 2900 mV below 3000 mV}
 * @param batteryPercent battery level a LoRaWAN network server reported, or null
 * @param marginDb link margin a LoRaWAN network server reported (dB), or null
 */
public record DeviceView(
    String eui,
    String role,
    String bus,
    String space,
    String zone,
    String firstSeen,
    String lastSeen,
    long frames,
    long duplicates,
    long lost,
    Integer batteryMv,
    Integer temperatureC,
    Integer rssiDbm,
    Double snrDb,
    String firmware,
    double flapsPerHour,
    String health,
    String reason,
    Integer batteryPercent,
    Integer marginDb) {}
