package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.OTHER_APPLICATION;

import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Ack;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Join;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Log;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Status;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.TxAck;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Uplink;
import dev.parkedge.proto.psp.Eui64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ChirpStack Application Server v3's MQTT integration, with either JSON marshaler: {@code json_v3}
 * (the default: EUIs in hex, the decoded object as {@code object}) or {@code json} (the protobuf
 * JSON mapping: EUIs in base64, the decoded object as a string in {@code objectJSON}, every field
 * written). Events on {@code application/{id}/device/{devEUI}/event/{type}} (v3.11 and later) or
 * {@code application/{id}/device/{devEUI}/{rx|status|join|ack|error}} (before).
 *
 * <p>v3 events say when gateways heard a frame (by the gateways' clocks), not when the server did,
 * so {@link Uplink#time()} and {@link Join#time()} are null: the caller stamps them.
 */
final class ChirpStackV3Codec implements NetworkServerCodec {

  private static final long MAX_U32 = 0xFFFF_FFFFL;

  private final String application;

  ChirpStackV3Codec(String application) {
    String id = application.strip();
    if (id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "ChirpStack v3 application id must be a number such as 12, got \"" + application + "\"");
    }
    this.application = id;
  }

  @Override
  public ServerKind kind() {
    return ServerKind.CHIRPSTACK_V3;
  }

  @Override
  public String application() {
    return application;
  }

  /** The topics of v3.11 and later, and those before, which older servers still use. */
  @Override
  public List<String> subscriptions() {
    String device = "application/" + application + "/device/+/";
    return List.of(device + "event/+", device + "+");
  }

  @Override
  public int qos() {
    return 1;
  }

  @Override
  public Optional<NetworkEvent> parse(String topic, byte[] payload) throws MessageProblem {
    ChirpStackTopic t = ChirpStackTopic.parse(kind(), topic, application);
    if (t.event() == ChirpStackTopic.Event.IGNORED) {
      return Optional.empty();
    }
    JsonFields json = JsonFields.parse(topic, payload);
    long devEui = device(json, t);
    return Optional.of(
        switch (t.event()) {
          case UP -> uplink(json, devEui);
          case STATUS -> status(json, devEui);
          case JOIN -> new Join(devEui, application, null);
          case ACK ->
              new Ack(
                  devEui,
                  application,
                  json.flag("acknowledged"),
                  json.integer("fCnt", 0, MAX_U32, 0));
          case TXACK -> new TxAck(devEui, application, json.integer("fCnt", 0, MAX_U32, 0));
          case LOG ->
              new Log(
                  devEui,
                  application,
                  "ERROR",
                  json.text("type").orElse("UNKNOWN"),
                  json.text("error").orElse(""));
          case IGNORED -> throw new IllegalStateException("ignored events return early");
        });
  }

  /**
   * Published on {@code command/down}, the topic of v3.11 and later; servers before v3.11 read
   * {@code …/tx} unless configured otherwise.
   */
  @Override
  public Downlink downlink(long devEui, String deviceId, int fPort, byte[] data) {
    DownlinkRules.check(fPort, data);
    String body =
        "{\"confirmed\":false,\"fPort\":"
            + fPort
            + ",\"data\":\""
            + Base64.getEncoder().encodeToString(data)
            + "\"}";
    return new Downlink(
        "application/" + application + "/device/" + Eui64.format(devEui) + "/command/down",
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** The device the body names, which must be in this application and the topic's device. */
  private long device(JsonFields json, ChirpStackTopic t) throws MessageProblem {
    String app = json.requiredText("applicationID", "the application id");
    if (!app.equals(application)) {
      throw json.problem(
          OTHER_APPLICATION,
          "applicationID is "
              + Shown.quoted(app)
              + ", not the configured "
              + Shown.quoted(application));
    }
    Optional<Long> devEui = json.euiHexOrBase64("devEUI");
    if (devEui.isEmpty()) {
      throw json.missing("devEUI", "the device EUI, 16 hex digits or 8 bytes in base64");
    }
    t.checkSameDevice(devEui.get(), "devEUI");
    return devEui.get();
  }

  private Uplink uplink(JsonFields json, long devEui) throws MessageProblem {
    List<Reception> receptions = new ArrayList<>();
    for (JsonFields rx : json.objects("rxInfo")) {
      receptions.add(
          new Reception(
              rx.euiHexOrBase64("gatewayID").orElse(null),
              (int) rx.integer("rssi", Integer.MIN_VALUE, Integer.MAX_VALUE, 0),
              rx.decimal("loRaSNR").orElse(0.0)));
    }
    Optional<Reception> best = Reception.best(receptions);
    Optional<String> object = json.json("object");
    if (object.isEmpty()) {
      object = json.jsonInText("objectJSON");
    }
    return new Uplink(
        devEui,
        application,
        null,
        json.integer("fCnt", 0, MAX_U32, 0),
        (int) json.integer("fPort", 0, 255, 0),
        json.base64("data"),
        best.map(Reception::rssiDbm).orElse(null),
        best.map(Reception::snrDb).orElse(null),
        best.map(Reception::gatewayEui).orElse(null),
        object.orElse(null),
        null);
  }

  /**
   * Later v3 servers give the battery as {@code batteryLevel} (percent) with {@code
   * externalPowerSource} and {@code batteryLevelUnavailable}; earlier ones only as {@code battery}:
   * 0 on external power, 1 to 254 the level, 255 when the device cannot measure it.
   */
  private Status status(JsonFields json, long devEui) throws MessageProblem {
    int margin = (int) json.integer("margin", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    Integer battery = null;
    if (json.has("batteryLevel")
        || json.has("externalPowerSource")
        || json.has("batteryLevelUnavailable")) {
      boolean unknown = json.flag("externalPowerSource") || json.flag("batteryLevelUnavailable");
      if (!unknown) {
        battery = json.percent("batteryLevel", json.decimal("batteryLevel").orElse(0.0));
      }
    } else if (json.has("battery")) {
      long level = json.integer("battery", 0, 255, 0);
      if (level >= 1 && level <= 254) {
        battery = json.percent("battery", level * 100.0 / 254);
      }
    }
    return new Status(devEui, application, battery, margin);
  }
}
