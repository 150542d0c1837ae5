package dev.parkedge.proto.lorawan.nwave;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.JsNumber;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces the Nwave codecs (nps405.js, nps310sm.js, ncc405.js) have in common: the startup
 * message's firmware version and reset cause, the battery encoding, the compressed previous-state
 * duration and the raw debug message.
 */
final class NwaveMessages {

  /** Reset causes of the NPS405 and NCC405 startup message; null where the codec has none. */
  static final String[] RESET_CAUSES =
      new String[] {
        "rejoining_lorawan_network",
        "watchdog",
        "power_on",
        "user_request",
        null,
        null,
        "brownout",
        "other"
      };

  /** Reset causes of the NPS310 startup message; null where the codec has none. */
  static final String[] NPS310_RESET_CAUSES =
      new String[] {null, "watchdog", "power_on", "user_request", "brownout", "other"};

  static final int DEBUG_PORT = 6;

  private NwaveMessages() {}

  /** A new field map that starts with the codec's {@code type}. */
  static Map<String, Object> fieldsOfType(String type) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", type);
    return fields;
  }

  /**
   * The start of a startup message: {@code type}, {@code firmware_version} from bytes 0..2 and
   * {@code reset_cause} from byte 3. A cause the table does not name is left out, as the vendor
   * codec's {@code undefined} vanishes from its JSON output.
   */
  static Map<String, Object> startupFields(Frame frame, String[] resetCauses) {
    Map<String, Object> fields = fieldsOfType("startup");
    fields.put("firmware_version", frame.u8(0) + "." + frame.u8(1) + "." + frame.u8(2));
    int cause = frame.u8(3);
    if (cause < resetCauses.length && resetCauses[cause] != null) {
      fields.put("reset_cause", resetCauses[cause]);
    }
    return fields;
  }

  /** Battery voltage in millivolts from its one-byte encoding: 2500 mV plus 4 mV a step. */
  static int batteryMillivolts(int raw) {
    return 2500 + raw * 4;
  }

  /** Millivolts as the codec's volts, a number as JavaScript would print it. */
  static Number volts(int millivolts) {
    return JsNumber.of(millivolts / 1000.0);
  }

  /**
   * Puts the three {@code previous_state_duration*} fields for a 7-bit compressed duration: exact
   * below 90, then 5-unit steps to 235, then 60-unit steps to 600, and 127 meaning "660 or more".
   */
  static void putPreviousState(Map<String, Object> fields, int compressed) {
    int duration;
    Integer error;
    if (compressed < 90) {
      duration = compressed;
      error = 0;
    } else if (compressed < 120) {
      duration = 90 + (compressed - 90) * 5;
      error = 4;
    } else if (compressed < 127) {
      duration = 240 + (compressed - 120) * 60;
      error = 59;
    } else {
      duration = 660;
      error = null;
    }
    fields.put("previous_state_duration", duration);
    fields.put("previous_state_duration_error", error);
    fields.put("previous_state_duration_overflow", compressed >= 127);
  }

  /** The debug message (port 6) every Nwave model sends: the raw bytes, unsigned. */
  static DecodedUplink debug(Frame frame) throws PayloadException {
    frame.requireAtLeast(1);
    List<Integer> raw = new ArrayList<>(frame.length());
    for (int i = 0; i < frame.length(); i++) {
      raw.add(frame.u8(i));
    }
    Map<String, Object> fields = fieldsOfType("debug");
    fields.put("bytes", raw);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.OTHER));
  }
}
