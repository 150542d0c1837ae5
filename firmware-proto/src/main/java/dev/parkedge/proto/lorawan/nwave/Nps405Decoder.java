package dev.parkedge.proto.lorawan.nwave;

import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.batteryMillivolts;
import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.fieldsOfType;
import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.putPreviousState;
import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.volts;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.JsNumber;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Locale;
import java.util.Map;

/**
 * Nwave NPS405 parking sensor.
 *
 * <p>Follows {@code vendor/nwave/nps405.js} of TheThingsNetwork/lorawan-devices at commit 62c8acdd,
 * where the occupancy flag is bit 0 and the compressed previous-state duration bits 1..7. That is
 * the version whose own examples ({@code nps405-codec.yaml} at the same commit) it reproduces: an
 * older stored nps405.js (commit 0a254aaa) reads occupancy from bit 7 and would decode the
 * published parking status {@code 0x95} as 21 rather than 74.
 *
 * <p>A second stored version of the codec yaml (commit 2ed97bce, from the vendor's "uplink protocol
 * update", lorawan-devices pull request 996) adds the BLE tag's battery to the user registration: a
 * 6-byte form {@code flags, tag battery in 0.1 V, tag id (4 bytes)} with a {@code
 * tag_battery_voltage} field. Sensors in the field send either form, so both decode, each to its
 * own published example.
 *
 * <p>Ports: 1 parking status (1 byte), 2 heartbeat (at least 3 bytes; the published example has 6
 * and the codec reads the first 3), 3 startup (5 bytes), 6 debug (raw bytes), 10 user (SDI tag)
 * registration (5 bytes, or 6 with the tag's battery).
 */
public final class Nps405Decoder implements SensorDecoder {

  private static final String ID = "nwave-nps405";

  public Nps405Decoder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    Frame frame = new Frame(ID, fPort, payload);
    return switch (fPort) {
      case 1 -> parkingStatus(frame.requireLength(1));
      case 2 -> heartbeat(frame.requireAtLeast(3));
      case 3 -> startup(frame.requireLength(5));
      case NwaveMessages.DEBUG_PORT -> NwaveMessages.debug(frame);
      case 10 -> userRegistration(frame.requireLength(5, 6));
      default -> throw frame.unknownPort(1, 2, 3, NwaveMessages.DEBUG_PORT, 10);
    };
  }

  private static DecodedUplink parkingStatus(Frame frame) {
    boolean occupied = frame.bit0(0);
    Map<String, Object> fields = fieldsOfType("parking_status");
    fields.put("occupied", occupied);
    putPreviousState(fields, frame.u8(0) >> 1);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STATUS).withOccupied(occupied));
  }

  private static DecodedUplink heartbeat(Frame frame) {
    boolean occupied = frame.bit0(0);
    double temperature = frame.s8(2) / 2.0 + 10;
    int batteryMv = batteryMillivolts(frame.u8(1));
    Map<String, Object> fields = fieldsOfType("heartbeat");
    fields.put("occupied", occupied);
    // The published codec masks with 0x7F, so the occupancy bit 0 is part of this value too.
    fields.put("hw_health_status", frame.u8(0) & 0x7F);
    fields.put("temperature", JsNumber.of(temperature));
    fields.put("battery_voltage", volts(batteryMv));
    fields.put("battery_health", batteryHealth(batteryMv, temperature));
    return new DecodedUplink(
        fields,
        Reading.of(Reading.Kind.HEARTBEAT)
            .withOccupied(occupied)
            .withBatteryMv(batteryMv)
            .withTemperatureC(temperature));
  }

  /** Below -5 °C the cell sags, so both thresholds drop by 100 mV. */
  private static String batteryHealth(int batteryMv, double temperature) {
    int low = temperature >= -5 ? 3000 : 2900;
    int critical = low - 100;
    if (batteryMv >= low) {
      return "normal";
    }
    return batteryMv >= critical ? "low" : "critical";
  }

  private static DecodedUplink startup(Frame frame) {
    boolean occupied = frame.bit0(4);
    Map<String, Object> fields = NwaveMessages.startupFields(frame, NwaveMessages.RESET_CAUSES);
    fields.put("occupied", occupied);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STARTUP).withOccupied(occupied));
  }

  /**
   * A tag registration says the space is occupied (with how long it was free) when bit 0 is set,
   * and nothing about occupancy otherwise.
   */
  private static DecodedUplink userRegistration(Frame frame) {
    Map<String, Object> fields = fieldsOfType("user_registration");
    Boolean occupied;
    if (frame.bit0(0)) {
      occupied = true;
      fields.put("occupied", true);
      putPreviousState(fields, frame.u8(0) >> 1);
    } else {
      occupied = null;
      fields.put("occupied", null);
      fields.put("previous_state_duration", null);
      fields.put("previous_state_duration_error", null);
      fields.put("previous_state_duration_overflow", null);
    }
    int tagAt = 1;
    if (frame.length() == 6) {
      fields.put("tag_battery_voltage", JsNumber.of(frame.u8(1) / 10.0));
      tagAt = 2;
    }
    // The codec builds a signed 32-bit id and prints it in unpadded upper-case hex, so ids with
    // the top bit set come out negative ("-7FFFFFFF"); Integer.toString keeps exactly that.
    int tag =
        frame.u8(tagAt) << 24
            | frame.u8(tagAt + 1) << 16
            | frame.u8(tagAt + 2) << 8
            | frame.u8(tagAt + 3);
    fields.put("tag_id", Integer.toString(tag, 16).toUpperCase(Locale.ROOT));
    return new DecodedUplink(fields, Reading.of(Reading.Kind.OTHER).withOccupied(occupied));
  }
}
