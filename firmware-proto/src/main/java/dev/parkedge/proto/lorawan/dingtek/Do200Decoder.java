package dev.parkedge.proto.lorawan.dingtek;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Map;

/**
 * Dingtek DO200 parking detector (ultrasonic level plus geomagnetic).
 *
 * <p>Follows {@code vendor/dingtek/do200.js} in TheThingsNetwork/lorawan-devices, in the version
 * whose parameter frame emits {@code magThreshold} (bytes 12-13): it is the one that reproduces the
 * examples in {@code vendor/dingtek/do200-codec.yaml}. An older copy of the codec (Dingtek's own
 * "Version 1.0 2023-4-20") stops at {@code magDetectInterval} and does not reproduce them.
 *
 * <p>fPort 3 only: a 21-byte telemetry frame (frame type 0x01/0x02) or a 17-byte parameter frame
 * (frame type 0x03). The telemetry frame counter is named {@code Frame_Counter} in this model's
 * codec, unlike the DO201/DO202.
 */
public final class Do200Decoder implements SensorDecoder {

  private static final DingtekFrame.Model MODEL =
      new DingtekFrame.Model(
          "dingtek-do200", 21, Do200Decoder::telemetry, 17, Do200Decoder::parameters);

  public Do200Decoder() {}

  @Override
  public String id() {
    return MODEL.id();
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    return MODEL.decode(fPort, payload);
  }

  private static void telemetry(DingtekFrame frame, Map<String, Object> out) {
    frame.writeTelemetryCore(true, out);
    out.put("Frame_Counter", frame.u16(17));
  }

  private static void parameters(DingtekFrame frame, Map<String, Object> out) {
    out.put("ultraDetectInterval", frame.u8(8));
    out.put("magDetectInterval", frame.u8(9));
    out.put("magThreshold", frame.u16(12));
  }
}
