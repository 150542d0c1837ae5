package dev.parkedge.proto.lorawan.nwave;

import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.batteryMillivolts;
import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.fieldsOfType;
import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.volts;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Map;

/**
 * Nwave NCC405 lane vehicle counter.
 *
 * <p>Follows {@code vendor/nwave/ncc405.js} of TheThingsNetwork/lorawan-devices at commit 59da8042,
 * where the heartbeat's {@code hw_health_status} is byte 0 masked with 0x7F. That is the version
 * whose examples ({@code ncc405-codec.yaml}, commit 0e42be4f) it reproduces: another stored
 * ncc405.js (commit 0a254aaa) shifts byte 0 right by 3 and would give 21, not the published 40, for
 * heartbeat {@code A8 66 61}.
 *
 * <p>Ports: 1 counter update (2 bytes, big-endian count), 2 heartbeat (3 bytes), 3 startup (4
 * bytes), 6 debug (raw bytes).
 */
public final class Ncc405Decoder implements SensorDecoder {

  private static final String ID = "nwave-ncc405";

  public Ncc405Decoder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    Frame frame = new Frame(ID, fPort, payload);
    return switch (fPort) {
      case 1 -> counterUpdate(frame.requireLength(2));
      case 2 -> heartbeat(frame.requireLength(3));
      case 3 -> startup(frame.requireLength(4));
      case NwaveMessages.DEBUG_PORT -> NwaveMessages.debug(frame);
      default -> throw frame.unknownPort(1, 2, 3, NwaveMessages.DEBUG_PORT);
    };
  }

  private static DecodedUplink counterUpdate(Frame frame) {
    int count = frame.u8(0) << 8 | frame.u8(1);
    Map<String, Object> fields = fieldsOfType("counter_update");
    fields.put("counter_value", count);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.COUNTER).withCounter((long) count));
  }

  private static DecodedUplink heartbeat(Frame frame) {
    int batteryMv = batteryMillivolts(frame.u8(1));
    Map<String, Object> fields = fieldsOfType("heartbeat");
    fields.put("hw_health_status", frame.u8(0) & 0x7F);
    fields.put("battery_voltage", volts(batteryMv));
    fields.put("battery_voltage_mean_24h", volts(batteryMillivolts(frame.u8(2))));
    return new DecodedUplink(fields, Reading.of(Reading.Kind.HEARTBEAT).withBatteryMv(batteryMv));
  }

  private static DecodedUplink startup(Frame frame) {
    Map<String, Object> fields = NwaveMessages.startupFields(frame, NwaveMessages.RESET_CAUSES);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STARTUP));
  }
}
