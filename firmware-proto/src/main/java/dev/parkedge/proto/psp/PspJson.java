package dev.parkedge.proto.psp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of PSP/1 messages, as maps ready for any JSON writer: keys in snake_case, always
 * {@code type}, {@code device}, {@code seq}, then the payload fields in wire order; enums by their
 * lowercase names; a blank counter's value is the string {@code "blank"}.
 *
 * <p>The form is normative: installers' tools and acceptance checks read it.
 */
public final class PspJson {

  private PspJson() {}

  /** The JSON form of a message. */
  public static Map<String, Object> toJson(PspMessage message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", message.type().jsonName());
    json.put("device", Eui64.format(message.device()));
    json.put("seq", message.seq());
    if (message instanceof PspMessage.Occupancy m) {
      json.put("state", m.state().jsonName());
      json.put("battery_mv", m.batteryMv());
      json.put("temperature_c", m.temperatureC());
    } else if (message instanceof PspMessage.Heartbeat m) {
      json.put("battery_mv", m.batteryMv());
      json.put("temperature_c", m.temperatureC());
      json.put("firmware", m.firmware());
    } else if (message instanceof PspMessage.Scan m) {
      json.put("lane", m.lane());
      json.put("kind", m.kind().jsonName());
      json.put("text", m.text());
    } else if (message instanceof PspMessage.Loop m) {
      json.put("lane", m.lane());
      json.put("present", m.present());
    } else if (message instanceof PspMessage.Ack m) {
      json.put("acked_seq", m.ackedSeq());
      json.put("status", m.status().jsonName());
    } else if (message instanceof PspMessage.Indicator m) {
      json.put("color", m.color().jsonName());
      json.put("pattern", m.pattern().jsonName());
    } else if (message instanceof PspMessage.Counter m) {
      json.put("value", m.isBlank() ? "blank" : m.value());
      json.put("arrow", m.arrow().jsonName());
      json.put("color", m.color().jsonName());
    } else if (message instanceof PspMessage.Gate m) {
      json.put("lane", m.lane());
      json.put("action", m.action().jsonName());
      json.put("hold_s", m.holdS());
    } else if (message instanceof PspMessage.Radio m) {
      json.put("rssi_dbm", m.rssiDbm());
      json.put("snr_db", m.snrDb());
      json.put("inner", toJson(m.inner()));
    }
    return json;
  }

  /**
   * The message a JSON form describes.
   *
   * @throws IllegalArgumentException naming the key that is missing or holds a wrong value
   */
  public static PspMessage fromJson(Map<String, ?> json) {
    Fields f = new Fields(json);
    String typeName = f.text("type");
    MessageType type = null;
    for (MessageType candidate : MessageType.values()) {
      if (candidate.jsonName().equals(typeName)) {
        type = candidate;
      }
    }
    if (type == null) {
      throw new IllegalArgumentException("unknown message type \"" + typeName + "\"");
    }
    long device = Eui64.parse(f.text("device"));
    int seq = f.integer("seq");
    switch (type) {
      case OCCUPANCY:
        return new PspMessage.Occupancy(
            device,
            seq,
            f.named("state", PspMessage.SpaceState.values()),
            f.integer("battery_mv"),
            f.integer("temperature_c"));
      case HEARTBEAT:
        {
          String firmware = f.text("firmware");
          String[] parts = firmware.split("\\.", -1);
          if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw new IllegalArgumentException(
                "firmware must be \"major.minor\", got \"" + firmware + "\"");
          }
          return new PspMessage.Heartbeat(
              device,
              seq,
              f.integer("battery_mv"),
              f.integer("temperature_c"),
              Integer.parseInt(parts[0]),
              Integer.parseInt(parts[1]));
        }
      case SCAN:
        return new PspMessage.Scan(
            device,
            seq,
            f.integer("lane"),
            f.named("kind", PspMessage.ScanKind.values()),
            f.text("text"));
      case LOOP:
        return new PspMessage.Loop(device, seq, f.integer("lane"), f.bool("present"));
      case ACK:
        return new PspMessage.Ack(
            device, seq, f.integer("acked_seq"), f.named("status", PspMessage.AckStatus.values()));
      case INDICATOR:
        return new PspMessage.Indicator(
            device,
            seq,
            f.named("color", PspMessage.Color.values()),
            f.named("pattern", PspMessage.Pattern.values()));
      case COUNTER:
        return new PspMessage.Counter(
            device,
            seq,
            "blank".equals(json.get("value")) ? PspMessage.Counter.BLANK : f.integer("value"),
            f.named("arrow", PspMessage.Arrow.values()),
            f.named("color", PspMessage.Color.values()));
      case GATE:
        return new PspMessage.Gate(
            device,
            seq,
            f.integer("lane"),
            f.named("action", PspMessage.GateAction.values()),
            f.integer("hold_s"));
      case RADIO:
        return new PspMessage.Radio(
            device, seq, f.integer("rssi_dbm"), f.quarterDb("snr_db"), fromJson(f.object("inner")));
    }
    throw new AssertionError(type);
  }

  /** Typed access to the keys of one JSON object, with errors that name the key. */
  private record Fields(Map<String, ?> json) {

    Object required(String key) {
      Object value = json.get(key);
      if (value == null) {
        throw new IllegalArgumentException("missing key \"" + key + "\"");
      }
      return value;
    }

    String text(String key) {
      if (required(key) instanceof String s) {
        return s;
      }
      throw wrong(key, "a string");
    }

    boolean bool(String key) {
      if (required(key) instanceof Boolean b) {
        return b;
      }
      throw wrong(key, "true or false");
    }

    int integer(String key) {
      Object value = required(key);
      if (value instanceof Integer || value instanceof Long || value instanceof Short) {
        long n = ((Number) value).longValue();
        if (n == (int) n) {
          return (int) n;
        }
      }
      throw wrong(key, "an integer");
    }

    int quarterDb(String key) {
      if (required(key) instanceof Number n) {
        double quarters = n.doubleValue() * 4;
        if (quarters == Math.rint(quarters) && Math.abs(quarters) <= Integer.MAX_VALUE) {
          return (int) quarters;
        }
      }
      throw wrong(key, "a number of quarter dB (e.g. -7.25)");
    }

    @SuppressWarnings("unchecked")
    Map<String, ?> object(String key) {
      if (required(key) instanceof Map<?, ?> m) {
        return (Map<String, ?>) m;
      }
      throw wrong(key, "an object");
    }

    <E extends Enum<E> & WireValue> E named(String key, E[] values) {
      String name = text(key);
      E value = WireValue.byJsonName(values, name);
      if (value == null) {
        StringBuilder names = new StringBuilder();
        for (E v : values) {
          names.append(names.length() == 0 ? "" : ", ").append(v.jsonName());
        }
        throw new IllegalArgumentException(
            "\"" + key + "\" must be one of " + names + ", got \"" + name + "\"");
      }
      return value;
    }

    private IllegalArgumentException wrong(String key, String expected) {
      return new IllegalArgumentException(
          "\"" + key + "\" must be " + expected + ", got " + json.get(key));
    }
  }
}
