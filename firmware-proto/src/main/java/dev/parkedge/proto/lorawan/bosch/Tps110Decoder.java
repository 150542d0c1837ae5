package dev.parkedge.proto.lorawan.bosch;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bosch TPS110 parking lot sensor, firmware 0.29.2.
 *
 * <p>Follows {@code vendor/bosch/tpl110-0292.js} of TheThingsNetwork/lorawan-devices (commit
 * 0a254aaa), the decoder of {@code tps110-0292-codec.yaml} (commit 3410a4b5) that {@code
 * tps110.yaml} assigns to firmware 0.29.2; it reproduces all three of that file's examples. An
 * older device file {@code tps110-0292.yaml} (commit 7f88849b) carries a placeholder "Demo" example
 * (port 1, three bytes, a {@code temperature} of 21.5) for a decoder file that is not stored and
 * which no stored codec reproduces; it is not followed.
 *
 * <p>Ports: 1 parking status (1 byte), 2 heartbeat (1 byte, or 2 with a signed temperature in °C),
 * 3 startup (17 bytes: three debug codes, firmware version, reset cause, occupancy), 4 device
 * information and 5 device usage (raw bytes), 6 debug (10 bytes: timestamp, debug code, sequence
 * number, little-endian).
 */
public final class Tps110Decoder implements SensorDecoder {

  private static final String ID = "bosch-tps110";

  /** Reset causes of the startup message by code; null where the codec has none. */
  private static final String[] RESET_CAUSES = {
    null, "watchdog", "power on", "system request", "other"
  };

  public Tps110Decoder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    byte[] bytes = payload == null ? new byte[0] : payload;
    return switch (fPort) {
      case 1 -> parkingStatus(requireLength(fPort, bytes, 1));
      case 2 -> heartbeat(requireLength(fPort, bytes, 1, 2));
      case 3 -> startup(requireLength(fPort, bytes, 17));
      case 4 -> rawBytes("device information", requireLength(fPort, bytes, 1, Integer.MAX_VALUE));
      case 5 -> rawBytes("device usage", requireLength(fPort, bytes, 1, Integer.MAX_VALUE));
      case 6 -> debug(requireLength(fPort, bytes, 10));
      default ->
          throw new PayloadException(ID, fPort, "unknown port, expected one of 1, 2, 3, 4, 5, 6");
    };
  }

  private static DecodedUplink parkingStatus(byte[] bytes) {
    boolean occupied = bit0(bytes[0]);
    Map<String, Object> fields = fieldsOfType("parking status");
    fields.put("occupied", occupied);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STATUS).withOccupied(occupied));
  }

  /**
   * Older firmware sends only the occupancy byte; 0.29.2 adds a signed whole-degree temperature.
   */
  private static DecodedUplink heartbeat(byte[] bytes) {
    boolean occupied = bit0(bytes[0]);
    Map<String, Object> fields = fieldsOfType("heartbeat");
    fields.put("occupied", occupied);
    Reading reading = Reading.of(Reading.Kind.HEARTBEAT).withOccupied(occupied);
    if (bytes.length >= 2) {
      int temperature = bytes[1];
      fields.put("temperature", temperature);
      reading = reading.withTemperatureC((double) temperature);
    }
    return new DecodedUplink(fields, reading);
  }

  /**
   * Three 4-byte debug-code slots (12-bit codes, little-endian; empty slots are zero and left out),
   * then firmware version in bytes 12..14, reset cause in 15 and occupancy in 16.
   */
  private static DecodedUplink startup(byte[] bytes) {
    List<Integer> debugCodes = new ArrayList<>(3);
    for (int slot = 0; slot < 12; slot += 4) {
      int code = debugCode(bytes, slot);
      if (code != 0) {
        debugCodes.add(code);
      }
    }
    boolean occupied = bit0(bytes[16]);
    Map<String, Object> fields = fieldsOfType("startup");
    fields.put("debugCodes", debugCodes);
    fields.put("firmwareVersion", u8(bytes, 12) + "." + u8(bytes, 13) + "." + u8(bytes, 14));
    int cause = u8(bytes, 15);
    if (cause < RESET_CAUSES.length && RESET_CAUSES[cause] != null) {
      // A cause the codec does not name is undefined there and so absent from its output.
      fields.put("resetCause", RESET_CAUSES[cause]);
    }
    fields.put("occupied", occupied);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STARTUP).withOccupied(occupied));
  }

  private static DecodedUplink rawBytes(String type, byte[] bytes) {
    List<Integer> raw = new ArrayList<>(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      raw.add(u8(bytes, i));
    }
    Map<String, Object> fields = fieldsOfType(type);
    fields.put("bytes", raw);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.OTHER));
  }

  /**
   * The codec combines the timestamp as a signed 32-bit value, so a timestamp with the top bit set
   * comes out negative; Java's int arithmetic gives the same number.
   */
  private static DecodedUplink debug(byte[] bytes) {
    int timestamp = u8(bytes, 3) << 24 | u8(bytes, 2) << 16 | u8(bytes, 1) << 8 | u8(bytes, 0);
    Map<String, Object> fields = fieldsOfType("debug");
    fields.put("timestamp", timestamp);
    fields.put("debugCode", debugCode(bytes, 4));
    fields.put("sequenceNumber", u8(bytes, 9) << 8 | u8(bytes, 8));
    return new DecodedUplink(fields, Reading.of(Reading.Kind.OTHER));
  }

  /** A 12-bit debug code: the low byte, then the low nibble of the next byte. */
  private static int debugCode(byte[] bytes, int offset) {
    return (u8(bytes, offset + 1) & 0x0F) << 8 | u8(bytes, offset);
  }

  private static Map<String, Object> fieldsOfType(String type) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", type);
    return fields;
  }

  private static int u8(byte[] bytes, int index) {
    return bytes[index] & 0xFF;
  }

  private static boolean bit0(byte b) {
    return (b & 0x01) != 0;
  }

  private static byte[] requireLength(int fPort, byte[] bytes, int exactly)
      throws PayloadException {
    return requireLength(fPort, bytes, exactly, exactly);
  }

  private static byte[] requireLength(int fPort, byte[] bytes, int min, int max)
      throws PayloadException {
    if (bytes.length >= min && bytes.length <= max) {
      return bytes;
    }
    String expected;
    if (min == max) {
      expected = min == 1 ? "1 byte" : min + " bytes";
    } else if (max == Integer.MAX_VALUE) {
      expected = "at least " + (min == 1 ? "1 byte" : min + " bytes");
    } else {
      expected = min + " or " + max + " bytes";
    }
    throw new PayloadException(ID, fPort, "expected " + expected + ", got " + bytes.length);
  }
}
