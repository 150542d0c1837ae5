package dev.parkedge.proto.lorawan.dingtek;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.JsNumber;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The uplink frame shared by the Dingtek DO20x parking detectors, and the fields every model
 * decodes the same way.
 *
 * <p>Every uplink arrives on fPort 3 as {@code 0x80, forced bit, device type, frame type, frame
 * length, ..., 0x81}. The vendor codecs tell a telemetry frame from a parameter frame by payload
 * length alone (the length differs per model) and also require frame type {@code 0x03} for a
 * parameter frame. This class is stricter than the vendor in three ways, none of which rejects a
 * published example: it checks the {@code 0x80} header and {@code 0x81} tail, the length byte, and
 * that a telemetry-length frame is of a data type ({@code 0x01} regular or {@code 0x02} event)
 * rather than a parameter or unknown type.
 *
 * <p>Byte offsets below are from the start of the payload, as in the vendor codecs.
 */
final class DingtekFrame {

  static final int FPORT = 3;

  private static final int HEADER = 0x80;
  private static final int TAIL = 0x81;
  private static final int TYPE_REGULAR = 0x01;
  private static final int TYPE_EVENT = 0x02;
  private static final int TYPE_PARAMETERS = 0x03;

  /** Writes the model-specific fields of one frame kind, in the vendor codec's key order. */
  @FunctionalInterface
  interface Fields {
    void write(DingtekFrame frame, Map<String, Object> out);
  }

  private final byte[] bytes;

  private DingtekFrame(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The layout of one model: its id, and the length and fields of each of its two frames. */
  record Model(
      String id, int telemetryLength, Fields telemetry, int parameterLength, Fields parameters) {

    DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
      if (fPort != FPORT) {
        throw refused(fPort, "unknown port, expected " + FPORT);
      }
      int length = payload.length;
      if (length != telemetryLength && length != parameterLength) {
        throw refused(
            fPort,
            "expected "
                + telemetryLength
                + " bytes (telemetry) or "
                + parameterLength
                + " bytes (parameters), got "
                + length);
      }
      DingtekFrame frame = new DingtekFrame(payload);
      checkEnvelope(fPort, frame);
      int type = frame.u8(3);
      Map<String, Object> fields = new LinkedHashMap<>();
      if (length == parameterLength) {
        if (type != TYPE_PARAMETERS) {
          throw refused(fPort, unknownType(type, length, "0x03 (parameters)"));
        }
        frame.writeFirmwareAndUploadInterval(fields);
        parameters.write(frame, fields);
        return new DecodedUplink(fields, Reading.of(Reading.Kind.OTHER));
      }
      if (type != TYPE_REGULAR && type != TYPE_EVENT) {
        throw refused(fPort, unknownType(type, length, "0x01 or 0x02 (telemetry)"));
      }
      telemetry.write(frame, fields);
      return new DecodedUplink(fields, frame.telemetryReading(fields));
    }

    private void checkEnvelope(int fPort, DingtekFrame frame) throws PayloadException {
      int length = frame.bytes.length;
      if (frame.u8(0) != HEADER) {
        throw refused(fPort, "bad frame header " + hex(frame.u8(0)) + ", expected 0x80");
      }
      if (frame.u8(length - 1) != TAIL) {
        throw refused(fPort, "bad frame tail " + hex(frame.u8(length - 1)) + ", expected 0x81");
      }
      if (frame.u8(4) != length) {
        throw refused(
            fPort, "frame length byte says " + frame.u8(4) + " bytes, payload has " + length);
      }
    }

    private PayloadException refused(int fPort, String problem) {
      return new PayloadException(id, fPort, problem);
    }

    private static String unknownType(int type, int length, String expected) {
      return "unknown frame type " + hex(type) + " for " + length + " bytes, expected " + expected;
    }
  }

  /**
   * Writes the start of every telemetry frame: optional ultrasonic level (mm), battery volts, alarm
   * flags and the three signed geomagnetic axes.
   */
  void writeTelemetryCore(boolean withLevel, Map<String, Object> out) {
    if (withLevel) {
      out.put("level", u16(5));
    }
    out.put("volt", JsNumber.of(u16(9) / 100.0));
    out.put("alarmPark", highNibbleSet(7));
    out.put("alarmLevel", lowNibbleSet(7));
    out.put("alarmMagnet", highNibbleSet(8));
    out.put("alarmBattery", lowNibbleSet(8));
    out.put("xMagnet", s16(11));
    out.put("yMagnet", s16(13));
    out.put("zMagnet", s16(15));
  }

  /** Writes the climate tail of the DO201/DO202 telemetry: temperature, humidity, frame count. */
  void writeClimateAndFrameCounter(Map<String, Object> out) {
    out.put("temperature", s8(17));
    out.put("humidity", u8(18));
    out.put("frameCounter", u16(19));
  }

  private void writeFirmwareAndUploadInterval(Map<String, Object> out) {
    out.put("firmware", u8(5) + "." + u8(6));
    out.put("uploadInterval", u8(7));
  }

  /**
   * A telemetry frame is a status report: the parking alarm flag says a vehicle is present. The
   * battery is in hundredths of a volt, so millivolts are exactly ten times the raw value.
   */
  private Reading telemetryReading(Map<String, Object> fields) {
    Reading reading =
        Reading.of(Reading.Kind.STATUS)
            .withOccupied((Boolean) fields.get("alarmPark"))
            .withBatteryMv(u16(9) * 10);
    if (fields.get("temperature") instanceof Integer celsius) {
      reading = reading.withTemperatureC(celsius.doubleValue());
    }
    return reading;
  }

  int u8(int offset) {
    return bytes[offset] & 0xFF;
  }

  int u16(int offset) {
    return (u8(offset) << 8) | u8(offset + 1);
  }

  private int s8(int offset) {
    return bytes[offset];
  }

  private int s16(int offset) {
    return (short) u16(offset);
  }

  private boolean highNibbleSet(int offset) {
    return (u8(offset) >> 4) != 0;
  }

  private boolean lowNibbleSet(int offset) {
    return (u8(offset) & 0x0F) != 0;
  }

  private static String hex(int value) {
    return "0x" + HexFormat.of().withUpperCase().toHexDigits((byte) value);
  }
}
