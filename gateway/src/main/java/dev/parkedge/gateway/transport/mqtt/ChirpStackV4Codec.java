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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ChirpStack v4's MQTT integration: events on {@code application/{uuid}/device/{devEui}/event/…} in
 * the protobuf JSON mapping of {@code integration.proto}.
 *
 * <p>v4.0 writes no field at its default value (no {@code fCnt} on a first frame, no {@code
 * acknowledged} on a nack, no {@code rssi} of 0); v4.1 and later write them; v4.6.0 wrote {@code
 * null} for some. All read the same here: absent or null is the protobuf default.
 */
final class ChirpStackV4Codec implements NetworkServerCodec {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  private final String application;

  ChirpStackV4Codec(String application) {
    String id = application.strip().toLowerCase(Locale.ROOT);
    if (!UUID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "ChirpStack v4 application id must be a UUID such as"
              + " 6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b, got \""
              + application
              + "\"");
    }
    this.application = id;
  }

  @Override
  public ServerKind kind() {
    return ServerKind.CHIRPSTACK_V4;
  }

  @Override
  public String application() {
    return application;
  }

  @Override
  public List<String> subscriptions() {
    return List.of("application/" + application + "/device/+/event/+");
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
          case JOIN -> new Join(devEui, application, json.time("time").orElse(null));
          case ACK ->
              new Ack(
                  devEui,
                  application,
                  json.flag("acknowledged"),
                  json.integer("fCntDown", 0, MAX_U32, 0));
          case TXACK -> new TxAck(devEui, application, json.integer("fCntDown", 0, MAX_U32, 0));
          case LOG ->
              new Log(
                  devEui,
                  application,
                  json.text("level").orElse("INFO"),
                  json.text("code").orElse("UNKNOWN"),
                  json.text("description").orElse(""));
          case IGNORED -> throw new IllegalStateException("ignored events return early");
        });
  }

  @Override
  public Downlink downlink(long devEui, String deviceId, int fPort, byte[] data) {
    DownlinkRules.check(fPort, data);
    String eui = Eui64.format(devEui);
    String body =
        "{\"devEui\":\""
            + eui
            + "\",\"confirmed\":false,\"fPort\":"
            + fPort
            + ",\"data\":\""
            + Base64.getEncoder().encodeToString(data)
            + "\"}";
    return new Downlink(
        "application/" + application + "/device/" + eui + "/command/down",
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** The device the body names, which must be in this application and the topic's device. */
  private long device(JsonFields json, ChirpStackTopic t) throws MessageProblem {
    JsonFields info = json.requiredObject("deviceInfo", "the device's identity");
    String app = info.requiredText("applicationId", "the application id");
    if (!app.equalsIgnoreCase(application)) {
      throw json.problem(
          OTHER_APPLICATION,
          info.pathOf("applicationId")
              + " is "
              + Shown.quoted(app)
              + ", not the configured "
              + Shown.quoted(application));
    }
    long devEui = info.eui("devEui", "the device EUI");
    t.checkSameDevice(devEui, info.pathOf("devEui"));
    return devEui;
  }

  private Uplink uplink(JsonFields json, long devEui) throws MessageProblem {
    List<Reception> receptions = new ArrayList<>();
    for (JsonFields rx : json.objects("rxInfo")) {
      receptions.add(
          new Reception(
              rx.optionalEui("gatewayId").orElse(null),
              (int) rx.integer("rssi", Integer.MIN_VALUE, Integer.MAX_VALUE, 0),
              rx.decimal("snr").orElse(0.0)));
    }
    Optional<Reception> best = Reception.best(receptions);
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
        json.json("object").orElse(null),
        json.time("time").orElse(null));
  }

  private Status status(JsonFields json, long devEui) throws MessageProblem {
    int margin = (int) json.integer("margin", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    boolean unknown = json.flag("externalPowerSource") || json.flag("batteryLevelUnavailable");
    Integer battery = null;
    if (!unknown) {
      battery = json.percent("batteryLevel", json.decimal("batteryLevel").orElse(0.0));
    }
    return new Status(devEui, application, battery, margin);
  }
}
