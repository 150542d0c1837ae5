package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.OTHER_APPLICATION;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.UNKNOWN_TOPIC;

import dev.parkedge.proto.psp.Eui64;
import java.util.Map;

/**
 * A ChirpStack event topic, {@code application/{id}/device/{devEui}/event/{type}}, or with {@code
 * legacyNames} also ChirpStack v3's topics before v3.11, {@code
 * application/{id}/device/{devEui}/rx} (and {@code /status}, {@code /join}, {@code /ack}, {@code
 * /error}, …).
 *
 * @param event what the topic carries; {@link Event#IGNORED} for events we have no use for
 */
record ChirpStackTopic(String topic, long devEui, Event event) {

  /** The events ChirpStack publishes, as far as this codec cares. */
  enum Event {
    UP,
    STATUS,
    JOIN,
    ACK,
    TXACK,
    LOG,
    IGNORED
  }

  private static final Map<String, Event> EVENTS =
      Map.of(
          "up", Event.UP,
          "status", Event.STATUS,
          "join", Event.JOIN,
          "ack", Event.ACK,
          "txack", Event.TXACK,
          "log", Event.LOG,
          "location", Event.IGNORED,
          "integration", Event.IGNORED);

  /** ChirpStack v3: {@code error} is v4's {@code log}; {@code rx} and {@code tx} before v3.11. */
  private static final Map<String, Event> V3_EVENTS =
      Map.of(
          "up", Event.UP,
          "status", Event.STATUS,
          "join", Event.JOIN,
          "ack", Event.ACK,
          "txack", Event.TXACK,
          "error", Event.LOG,
          "location", Event.IGNORED,
          "integration", Event.IGNORED);

  private static final Map<String, Event> V3_LEGACY_EVENTS =
      Map.of(
          "rx", Event.UP,
          "status", Event.STATUS,
          "join", Event.JOIN,
          "ack", Event.ACK,
          "txack", Event.TXACK,
          "error", Event.LOG,
          "location", Event.IGNORED,
          // Downlinks published (by us or others) on the topic servers before v3.11 read.
          "tx", Event.IGNORED);

  static ChirpStackTopic parse(ServerKind kind, String topic, String application)
      throws MessageProblem {
    String[] levels = topic.split("/", -1);
    boolean v3 = kind == ServerKind.CHIRPSTACK_V3;
    if (levels.length < 5
        || levels.length > 6
        || !levels[0].equals("application")
        || !levels[2].equals("device")) {
      throw unknown(kind, topic);
    }
    if (!levels[1].equals(application)) {
      throw new MessageProblem(
          OTHER_APPLICATION,
          topic,
          "for application "
              + Shown.quoted(levels[1])
              + ", not the configured "
              + Shown.quoted(application));
    }
    Event event = event(kind, levels, v3);
    if (event == null) {
      throw unknown(kind, topic);
    }
    long devEui;
    try {
      devEui = Eui64.parse(levels[3]);
    } catch (IllegalArgumentException e) {
      throw new MessageProblem(
          UNKNOWN_TOPIC,
          topic,
          "the device level " + Shown.quoted(levels[3]) + " is not a device EUI (16 hex digits)");
    }
    return new ChirpStackTopic(topic, devEui, event);
  }

  /** Refuses a message whose body names another device than the topic. */
  void checkSameDevice(long bodyEui, String path) throws MessageProblem {
    if (bodyEui != devEui) {
      throw new MessageProblem(
          BAD_FIELD,
          topic,
          path
              + " is "
              + Eui64.format(bodyEui)
              + ", but the topic is for device "
              + Eui64.format(devEui));
    }
  }

  private static Event event(ServerKind kind, String[] levels, boolean v3) {
    if (levels.length == 6) {
      if (levels[4].equals("command")) {
        // Our own (or another application's) downlinks, if a broad subscription brings them.
        return levels[5].equals("down") ? Event.IGNORED : null;
      }
      return levels[4].equals("event") ? (v3 ? V3_EVENTS : EVENTS).get(levels[5]) : null;
    }
    return v3 ? V3_LEGACY_EVENTS.get(levels[4]) : null;
  }

  private static MessageProblem unknown(ServerKind kind, String topic) {
    String expected =
        kind == ServerKind.CHIRPSTACK_V3
            ? "application/{id}/device/{devEUI}/event/{up|status|join|ack|txack|error|…}"
                + " or, before v3.11, application/{id}/device/{devEUI}/{rx|status|join|ack|error}"
            : "application/{id}/device/{devEui}/event/{up|status|join|ack|txack|log|…}";
    return new MessageProblem(
        UNKNOWN_TOPIC, topic, "not a " + kind.displayName() + " event topic, expected " + expected);
  }
}
