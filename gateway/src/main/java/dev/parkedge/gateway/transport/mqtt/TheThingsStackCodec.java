package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.MISSING_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.OTHER_APPLICATION;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.UNKNOWN_TOPIC;

import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Ack;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Join;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Log;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.TxAck;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Uplink;
import dev.parkedge.proto.psp.Eui64;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MQTT server of The Things Stack v3 (and The Things Network): messages on {@code
 * v3/{app}@{tenant}/devices/{device id}/{up|join|down/…}}, in its JSON format, which leaves out
 * every field at its default ({@code f_cnt} 0, {@code f_port} 0, empty payloads).
 *
 * <p>Devices are named by device id; the DevEUI is in {@code end_device_ids.dev_eui}, except where
 * the server leaves it out ({@code down/failed}) or the device has none (ABP): then a device id of
 * the Console's default form {@code eui-<16 hex digits>} gives it, and any other id is {@link
 * MessageProblem.Kind#MISSING_FIELD}.
 */
final class TheThingsStackCodec implements NetworkServerCodec {

  /** Application, tenant and device ids: lower-case letters, digits, single dashes inside. */
  private static final Pattern ID = Pattern.compile("[a-z0-9](?:-?[a-z0-9])*");

  private static final int MAX_ID = 36;
  private static final long MAX_U32 = 0xFFFF_FFFFL;
  private static final Pattern DEFAULT_DEVICE_ID = Pattern.compile("eui-[0-9a-f]{16}");

  /** Events we subscribe to, after {@code devices/{device id}/}. */
  private static final List<String> EVENTS =
      List.of("up", "join", "down/ack", "down/nack", "down/sent", "down/failed");

  /** Events the server publishes that are of no use to us, and the downlink topics. */
  private static final Set<String> IGNORED =
      Set.of("down/queued", "service/data", "location/solved", "down/push", "down/replace");

  private final String application;
  private final String applicationId;

  TheThingsStackCodec(String application) {
    String value = application.strip();
    int at = value.indexOf('@');
    String app = at < 0 ? value : value.substring(0, at);
    String tenant = at < 0 ? null : value.substring(at + 1);
    if (!isId(app) || tenant != null && !isId(tenant)) {
      throw new IllegalArgumentException(
          "The Things Stack application must be app@tenant (app@ttn on The Things Network) or"
              + " app, each an id of lower-case letters, digits and dashes, got \""
              + application
              + "\"");
    }
    this.application = value;
    this.applicationId = app;
  }

  @Override
  public ServerKind kind() {
    return ServerKind.THE_THINGS_STACK;
  }

  @Override
  public String application() {
    return application;
  }

  @Override
  public List<String> subscriptions() {
    return EVENTS.stream().map(event -> "v3/" + application + "/devices/+/" + event).toList();
  }

  @Override
  public int qos() {
    return 0;
  }

  @Override
  public Optional<NetworkEvent> parse(String topic, byte[] payload) throws MessageProblem {
    String[] levels = topic.split("/", 5);
    if (levels.length < 5 || !levels[0].equals("v3") || !levels[2].equals("devices")) {
      throw unknown(topic);
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
    String deviceId = levels[3];
    String event = levels[4];
    if (IGNORED.contains(event)) {
      return Optional.empty();
    }
    if (!EVENTS.contains(event) || deviceId.isEmpty()) {
      throw unknown(topic);
    }
    JsonFields json = JsonFields.parse(topic, payload);
    long devEui = device(json, deviceId);
    return switch (event) {
      case "up" -> uplink(json, devEui, deviceId);
      case "join" ->
          Optional.of(
              new Join(
                  devEui,
                  application,
                  receivedAt(json.requiredObject("join_accept", "the join"), json)));
      case "down/ack" -> Optional.of(ack(json, devEui, "downlink_ack", true));
      case "down/nack" -> Optional.of(ack(json, devEui, "downlink_nack", false));
      case "down/sent" ->
          Optional.of(
              new TxAck(
                  devEui,
                  application,
                  json.requiredObject("downlink_sent", "the downlink")
                      .integer("f_cnt", 0, MAX_U32, 0)));
      case "down/failed" -> Optional.of(failed(json, devEui));
      default -> throw new IllegalStateException("every subscribed event is handled: " + event);
    };
  }

  @Override
  public Downlink downlink(long devEui, String deviceId, int fPort, byte[] data) {
    DownlinkRules.check(fPort, data);
    String id = deviceId == null ? "eui-" + Eui64.format(devEui) : deviceId;
    if (!isId(id)) {
      throw new IllegalArgumentException(
          "The Things Stack device id must be lower-case letters, digits and dashes, got \""
              + deviceId
              + "\"");
    }
    String body =
        "{\"downlinks\":[{\"f_port\":"
            + fPort
            + ",\"frm_payload\":\""
            + Base64.getEncoder().encodeToString(data)
            + "\",\"priority\":\"NORMAL\"}]}";
    return new Downlink(
        "v3/" + application + "/devices/" + id + "/down/push",
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** The device the body names: in this application, the topic's device id, and with a DevEUI. */
  private long device(JsonFields json, String deviceId) throws MessageProblem {
    JsonFields ids = json.requiredObject("end_device_ids", "the device's identifiers");
    String app =
        ids.requiredObject("application_ids", "the application's identifiers")
            .requiredText("application_id", "the application id");
    if (!app.equals(applicationId)) {
      throw json.problem(
          OTHER_APPLICATION,
          "end_device_ids.application_ids.application_id is "
              + Shown.quoted(app)
              + ", not the configured "
              + Shown.quoted(applicationId));
    }
    String id = ids.requiredText("device_id", "the device id");
    if (!id.equals(deviceId)) {
      throw json.problem(
          BAD_FIELD,
          "end_device_ids.device_id is "
              + Shown.quoted(id)
              + ", but the topic is for device "
              + Shown.quoted(deviceId));
    }
    Optional<Long> devEui = ids.optionalEui("dev_eui");
    if (devEui.isPresent()) {
      return devEui.get();
    }
    if (DEFAULT_DEVICE_ID.matcher(deviceId).matches()) {
      return HexFormat.fromHexDigitsToLong(deviceId.substring(4));
    }
    throw json.problem(
        MISSING_FIELD,
        "end_device_ids.dev_eui is missing and device id "
            + Shown.quoted(deviceId)
            + " is not eui-<16 hex digits>, expected the device EUI");
  }

  /** Uplinks; simulated ones (sent from the Console) are not a device's and are left out. */
  private Optional<NetworkEvent> uplink(JsonFields json, long devEui, String deviceId)
      throws MessageProblem {
    if (json.flag("simulated")) {
      return Optional.empty();
    }
    JsonFields up = json.requiredObject("uplink_message", "the uplink");
    List<Reception> receptions = new ArrayList<>();
    for (JsonFields rx : up.objects("rx_metadata")) {
      Optional<JsonFields> gateway = rx.object("gateway_ids");
      // Both are the same unless the gateway has fine timestamps; either may be left out.
      Optional<Long> rssi = rx.optionalInteger("rssi", Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (rssi.isEmpty()) {
        rssi = rx.optionalInteger("channel_rssi", Integer.MIN_VALUE, Integer.MAX_VALUE);
      }
      receptions.add(
          new Reception(
              gateway.isEmpty() ? null : gateway.get().optionalEui("eui").orElse(null),
              rssi.orElse(0L).intValue(),
              rx.decimal("snr").orElse(0.0)));
    }
    Optional<Reception> best = Reception.best(receptions);
    return Optional.of(
        new Uplink(
            devEui,
            application,
            deviceId,
            up.integer("f_cnt", 0, MAX_U32, 0),
            (int) up.integer("f_port", 0, 255, 0),
            up.base64("frm_payload"),
            best.map(Reception::rssiDbm).orElse(null),
            best.map(Reception::snrDb).orElse(null),
            best.map(Reception::gatewayEui).orElse(null),
            up.json("decoded_payload").orElse(null),
            receivedAt(up, json)));
  }

  private Ack ack(JsonFields json, long devEui, String name, boolean acknowledged)
      throws MessageProblem {
    JsonFields downlink = json.requiredObject(name, "the downlink");
    return new Ack(devEui, application, acknowledged, downlink.integer("f_cnt", 0, MAX_U32, 0));
  }

  private Log failed(JsonFields json, long devEui) throws MessageProblem {
    JsonFields error =
        json.requiredObject("downlink_failed", "the failed downlink")
            .requiredObject("error", "the error");
    return new Log(
        devEui,
        application,
        "ERROR",
        error.text("name").orElse("UNKNOWN"),
        error.text("message_format").orElse(""));
  }

  /**
   * When the Network Server received the frame, or else when the Application Server received the
   * message; null if neither says.
   */
  private static Instant receivedAt(JsonFields event, JsonFields json) throws MessageProblem {
    Optional<Instant> time = event.time("received_at");
    return time.isPresent() ? time.get() : json.time("received_at").orElse(null);
  }

  private static boolean isId(String id) {
    return id.length() >= 2 && id.length() <= MAX_ID && ID.matcher(id).matches();
  }

  private static MessageProblem unknown(String topic) {
    return new MessageProblem(
        UNKNOWN_TOPIC,
        topic,
        "not a The Things Stack topic, expected v3/{app}@{tenant}/devices/{device id}/"
            + String.join("|", EVENTS));
  }
}
