package dev.parkedge.gateway.transport.mqtt;

import com.fasterxml.jackson.core.JsonParser;
import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.json.BodyJson;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import dev.parkedge.proto.lorawan.SensorDecoders;
import dev.parkedge.proto.psp.PspMessage;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a network server's uplink for a paired sensor into what the domain hears: the sensor's
 * model decodes the raw bytes; only a sensor without a model falls back to the network server's own
 * decoded object. Pure: no I/O, no state.
 */
final class UplinkReading {

  private UplinkReading() {}

  /** Why an uplink for a paired sensor could not be read. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The uplink as the domain hears it.
   *
   * @param sensor the space sensor this dev_eui is paired to
   * @throws Unreadable when the model cannot decode the payload, or no model is configured and the
   *     network server's object says nothing about occupancy
   */
  static Heard heard(
      NetworkEvent.Uplink uplink, DeviceAddress sensor, String bus, long receivedNanos)
      throws Unreadable {
    Reading reading = reading(uplink, sensor);
    int seq = (int) (uplink.fCnt() & 0xFFFF);
    PspMessage message =
        reading.occupied() == null
            ? new PspMessage.Heartbeat(uplink.devEui(), seq, 0, 0, 0, 0)
            : new PspMessage.Occupancy(
                uplink.devEui(),
                seq,
                reading.occupied() ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE,
                0,
                0);
    return new Heard(
        bus,
        message,
        uplink.gatewayEui() == null ? 0 : uplink.gatewayEui(),
        uplink.rssiDbm(),
        uplink.snrDb(),
        receivedNanos,
        reading.batteryMv(),
        reading.temperatureC() == null ? null : (int) Math.round(reading.temperatureC()),
        uplink.fCnt());
  }

  private static Reading reading(NetworkEvent.Uplink uplink, DeviceAddress sensor)
      throws Unreadable {
    if (sensor.model() != null) {
      SensorDecoder decoder =
          SensorDecoders.byId(sensor.model())
              .orElseThrow(() -> new Unreadable("no decoder for model " + sensor.model()));
      try {
        return decoder.decode(uplink.fPort(), uplink.data()).reading();
      } catch (PayloadException e) {
        throw new Unreadable(e.getMessage());
      }
    }
    return fromObject(uplink.decodedObjectJson());
  }

  /**
   * The network server's decoded object, for a sensor paired without a model: occupancy from {@code
   * occupied} (true/false, 1/0) or {@code occupancy}/{@code status}/{@code state} ("occupied",
   * "free", "vacant"), battery from {@code battery_mv}/{@code batteryMv}.
   */
  static Reading fromObject(String objectJson) throws Unreadable {
    if (objectJson == null) {
      throw new Unreadable(
          "no model is configured for this sensor and the network server sent no decoded object");
    }
    // The first JSON value of the text; anything but an object has no fields.
    Map<?, ?> object;
    try (JsonParser json = BodyJson.FACTORY.createParser(objectJson)) {
      object =
          json.nextToken() != null && BodyJson.read(json) instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException e) {
      throw new Unreadable("the network server's decoded object is not JSON");
    }
    Boolean occupied = occupied(object);
    if (occupied == null) {
      throw new Unreadable(
          "the network server's decoded object has no occupancy (expected occupied: true/false or"
              + " occupancy/status/state: occupied/free)");
    }
    Reading reading = Reading.of(Reading.Kind.STATUS).withOccupied(occupied);
    for (String key : new String[] {"battery_mv", "batteryMv"}) {
      // A number's int value, as Jackson's asInt() gives it: 3600.7 is 3600.
      if (object.get(key) instanceof Number battery
          && battery.intValue() > 0
          && battery.intValue() < 65536) {
        reading = reading.withBatteryMv(battery.intValue());
      }
    }
    return reading;
  }

  private static Boolean occupied(Map<?, ?> object) {
    Object flag = object.get("occupied");
    if (flag instanceof Boolean bool) {
      return bool;
    }
    // An int-sized integer (1, not 1.0 or "1"), as BodyJson reads it.
    if (flag instanceof Integer n && (n == 0 || n == 1)) {
      return n == 1;
    }
    for (String key : new String[] {"occupancy", "status", "state"}) {
      if (object.get(key) instanceof String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
          case "occupied":
            return true;
          case "free":
          case "vacant":
            return false;
          default:
            break;
        }
      }
    }
    return null;
  }
}
