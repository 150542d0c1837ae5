package dev.parkedge.proto.lorawan.tekzitel;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tekzitel TEKZIPARK parking sensor (geomagnetic plus radar, with BLE beacon scan).
 *
 * <p>Follows {@code vendor/tekzitel/tekzipark.js} in TheThingsNetwork/lorawan-devices (the stored
 * versions at commits 3e90f02 and 0a254aa decode uplinks identically) and the uplink examples of
 * {@code vendor/tekzitel/tekzipark-codec.yaml} at commit 62c8acd, the version that still carries
 * examples (the one at 1e74eb2 lists none). It reproduces all of them.
 *
 * <p>Both ports start with a status byte (bit 7 occupied, bit 5 good battery, bit 4 obstruction,
 * bit 3 radar, bit 2 no beacon, bit 1 reset, bit 0 keep-alive), a signed temperature and the
 * parking id.
 *
 * <ul>
 *   <li>fPort 1, status: those 3 bytes, optionally followed by a signed beacon RSSI and any number
 *       of 16-bit beacon ids. The vendor codec reads past the end of an odd-length beacon list and
 *       of a payload shorter than 3 bytes; this decoder refuses both.
 *   <li>fPort 2, diagnostics: 12 bytes, adding signed deflection and baseline per axis, fault code,
 *       obstruction and radar reflection. As in the vendor codec, byte 10 replaces the status bit's
 *       {@code Obstruction} value while keeping its place in the key order. Longer payloads, whose
 *       tail the vendor codec ignores, are refused.
 * </ul>
 */
public final class TekziparkDecoder implements SensorDecoder {

  private static final String ID = "tekzitel-tekzipark";
  private static final int STATUS_PORT = 1;
  private static final int DIAGNOSTICS_PORT = 2;
  private static final int HEADER_LENGTH = 3;
  private static final int DIAGNOSTICS_LENGTH = 12;

  public TekziparkDecoder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    Map<String, Object> fields = new LinkedHashMap<>();
    switch (fPort) {
      case STATUS_PORT -> decodeStatus(fPort, payload, fields);
      case DIAGNOSTICS_PORT -> decodeDiagnostics(fPort, payload, fields);
      default -> throw new PayloadException(ID, fPort, "unknown port, expected one of 1, 2");
    }
    return new DecodedUplink(fields, reading(payload));
  }

  private static void decodeStatus(int fPort, byte[] payload, Map<String, Object> out)
      throws PayloadException {
    int length = payload.length;
    if (length < HEADER_LENGTH || (length > HEADER_LENGTH && length % 2 != 0)) {
      throw new PayloadException(
          ID,
          fPort,
          "expected 3 bytes, or 4 bytes plus 2 per beacon (an even length), got " + length);
    }
    writeHeader(payload, out);
    if (length > HEADER_LENGTH) {
      out.put("Beacon_RSSI", (int) payload[3]);
      List<Integer> beacons = new ArrayList<>();
      for (int i = 4; i < length; i += 2) {
        beacons.add(((payload[i] & 0xFF) << 8) | (payload[i + 1] & 0xFF));
      }
      out.put("Beacons", beacons);
    }
  }

  private static void decodeDiagnostics(int fPort, byte[] payload, Map<String, Object> out)
      throws PayloadException {
    if (payload.length != DIAGNOSTICS_LENGTH) {
      throw new PayloadException(
          ID, fPort, "expected " + DIAGNOSTICS_LENGTH + " bytes, got " + payload.length);
    }
    writeHeader(payload, out);
    String[] signedAxes = {
      "Deflection_X", "Deflection_Y", "Deflection_Z", "Baseline_X", "Baseline_Y", "Baseline_Z"
    };
    for (int i = 0; i < signedAxes.length; i++) {
      out.put(signedAxes[i], (int) payload[3 + i]);
    }
    out.put("Fault_Code", payload[9] & 0xFF);
    out.put("Obstruction", payload[10] & 0xFF);
    out.put("D_Reflection", payload[11] & 0xFF);
  }

  /** The status flags, temperature and parking id that open every uplink. */
  private static void writeHeader(byte[] payload, Map<String, Object> out) {
    int status = payload[0] & 0xFF;
    out.put("occupied", bit(status, 7));
    out.put("keepAlive", bit(status, 0));
    out.put("reset", bit(status, 1));
    out.put("No_Beacon", bit(status, 2));
    out.put("Radar", bit(status, 3));
    out.put("Obstruction", bit(status, 4));
    out.put("Good_Battery", bit(status, 5));
    out.put("Temperature", (int) payload[1]);
    out.put("Parking_ID", payload[2] & 0xFF);
  }

  /**
   * Every uplink says whether the space is occupied. A reset uplink is a startup message, a
   * keep-alive uplink a heartbeat, anything else a status change. The battery is only a good/low
   * flag, so no millivolts.
   */
  private static Reading reading(byte[] payload) {
    int status = payload[0] & 0xFF;
    Reading.Kind kind;
    if (bit(status, 1) == 1) {
      kind = Reading.Kind.STARTUP;
    } else if (bit(status, 0) == 1) {
      kind = Reading.Kind.HEARTBEAT;
    } else {
      kind = Reading.Kind.STATUS;
    }
    return Reading.of(kind).withOccupied(bit(status, 7) == 1).withTemperatureC((double) payload[1]);
  }

  private static int bit(int value, int position) {
    return (value >> position) & 1;
  }
}
