package dev.parkedge.proto.lorawan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an uplink says about a space, in one shape for every sensor model. Each value is null where
 * the payload does not carry it.
 *
 * @param kind what sort of message this was
 * @param occupied true when a vehicle is present, false when not, null when this uplink does not
 *     say
 * @param batteryMv battery voltage in millivolts
 * @param temperatureC temperature in degrees Celsius
 * @param counter a running vehicle count (lane counters)
 */
public record Reading(
    Kind kind, Boolean occupied, Integer batteryMv, Double temperatureC, Long counter) {

  /** What sort of message an uplink was. */
  public enum Kind {
    STATUS,
    HEARTBEAT,
    STARTUP,
    COUNTER,
    OTHER;

    /** The lowercase name used in JSON. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Reading {
    Objects.requireNonNull(kind, "kind");
  }

  /** A reading of the given kind that carries nothing else yet. */
  public static Reading of(Kind kind) {
    return new Reading(kind, null, null, null, null);
  }

  public Reading withOccupied(Boolean value) {
    return new Reading(kind, value, batteryMv, temperatureC, counter);
  }

  public Reading withBatteryMv(Integer value) {
    return new Reading(kind, occupied, value, temperatureC, counter);
  }

  public Reading withTemperatureC(Double value) {
    return new Reading(kind, occupied, batteryMv, value, counter);
  }

  public Reading withCounter(Long value) {
    return new Reading(kind, occupied, batteryMv, temperatureC, value);
  }

  /**
   * The JSON form: {@code kind, occupied, battery_mv, temperature_c, counter}, in that order, with
   * nulls kept.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", kind.jsonName());
    map.put("occupied", occupied);
    map.put("battery_mv", batteryMv);
    map.put("temperature_c", temperatureC);
    map.put("counter", counter);
    return map;
  }
}
