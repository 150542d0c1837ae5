package dev.parkedge.proto.lorawan.dingtek;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Map;

/**
 * Dingtek DO201 parking detector (ultrasonic level, geomagnetic, temperature and humidity).
 *
 * <p>Follows {@code vendor/dingtek/do201.js} and the examples in {@code
 * vendor/dingtek/do201-codec.yaml} in TheThingsNetwork/lorawan-devices (the only published version;
 * it reproduces both examples).
 *
 * <p>fPort 3 only: a 23-byte telemetry frame (frame type 0x01/0x02) or a 16-byte parameter frame
 * (frame type 0x03).
 */
public final class Do201Decoder implements SensorDecoder {

  private static final DingtekFrame.Model MODEL =
      new DingtekFrame.Model(
          "dingtek-do201", 23, Do201Decoder::telemetry, 16, Do201Decoder::parameters);

  public Do201Decoder() {}

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
    frame.writeClimateAndFrameCounter(out);
  }

  private static void parameters(DingtekFrame frame, Map<String, Object> out) {
    out.put("detectInterval", frame.u8(8));
    out.put("levelThreshold", frame.u8(9));
    out.put("magnetThreshold", frame.u16(10));
    out.put("batteryThreshold", frame.u8(12));
  }
}
