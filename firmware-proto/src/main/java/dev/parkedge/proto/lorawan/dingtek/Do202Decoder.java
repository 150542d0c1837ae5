package dev.parkedge.proto.lorawan.dingtek;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Map;

/**
 * Dingtek DO202 parking detector (geomagnetic, temperature and humidity; no ultrasonic level).
 *
 * <p>Follows {@code vendor/dingtek/do202.js} and the examples in {@code
 * vendor/dingtek/do202-codec.yaml} in TheThingsNetwork/lorawan-devices (the only published version;
 * it reproduces both examples). The frame is the DO201's: the telemetry frame still has the level
 * bytes and the parameter frame the level-threshold byte (9), but the codec emits neither.
 *
 * <p>fPort 3 only: a 23-byte telemetry frame (frame type 0x01/0x02) or a 16-byte parameter frame
 * (frame type 0x03).
 */
public final class Do202Decoder implements SensorDecoder {

  private static final DingtekFrame.Model MODEL =
      new DingtekFrame.Model(
          "dingtek-do202", 23, Do202Decoder::telemetry, 16, Do202Decoder::parameters);

  public Do202Decoder() {}

  @Override
  public String id() {
    return MODEL.id();
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    return MODEL.decode(fPort, payload);
  }

  private static void telemetry(DingtekFrame frame, Map<String, Object> out) {
    frame.writeTelemetryCore(false, out);
    frame.writeClimateAndFrameCounter(out);
  }

  private static void parameters(DingtekFrame frame, Map<String, Object> out) {
    out.put("detectInterval", frame.u8(8));
    out.put("magnetThreshold", frame.u16(10));
    out.put("batteryThreshold", frame.u8(12));
  }
}
