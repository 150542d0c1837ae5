package dev.parkedge.gateway.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes the MQTT messages of one application on one LoRaWAN network server. Pure: no
 * client, no I/O, no state; safe to share between threads.
 *
 * <pre>{@code
 * NetworkServerCodec codec = NetworkServerCodec.of(ServerKind.CHIRPSTACK_V4, applicationId);
 * codec.subscriptions().forEach(filter -> client.subscribe(filter, codec.qos()));
 * // on each message:
 * codec.parse(topic, payload).ifPresent(domain::submit);   // MessageProblem: count, log at DEBUG
 * }</pre>
 */
public sealed interface NetworkServerCodec
    permits ChirpStackV4Codec, ChirpStackV3Codec, TheThingsStackCodec {

  /** Larger payloads are refused ({@link MessageProblem.Kind#TOO_LARGE}) before any parsing. */
  int MAX_MESSAGE_BYTES = 64 * 1024;

  /**
   * A codec for one application.
   *
   * @param application ChirpStack v4: the application id (a UUID); ChirpStack v3: the numeric
   *     application id; The Things Stack: {@code app@tenant} ({@code app@ttn} on The Things
   *     Network), or just {@code app} on an open-source deployment without tenants
   * @throws IllegalArgumentException naming the value when it is not an id of that server
   */
  static NetworkServerCodec of(ServerKind kind, String application) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(application, "application");
    return switch (kind) {
      case CHIRPSTACK_V4 -> new ChirpStackV4Codec(application);
      case CHIRPSTACK_V3 -> new ChirpStackV3Codec(application);
      case THE_THINGS_STACK -> new TheThingsStackCodec(application);
    };
  }

  ServerKind kind();

  /** The application as configured (ChirpStack v4's UUID in lower case). */
  String application();

  /**
   * The MQTT topic filters to subscribe to for the uplinks and device events of this application:
   * only events, never the downlink topics, so our own downlinks do not come back.
   */
  List<String> subscriptions();

  /**
   * The QoS to subscribe and publish with: 1, except 0 for The Things Stack, whose MQTT server
   * supports only QoS 0.
   */
  int qos();

  /**
   * Parses one MQTT message.
   *
   * @return the event; empty for topics that are known but of no use to us (locations, integration
   *     events, queued downlinks, simulated uplinks, our own downlinks)
   * @throws MessageProblem naming topic, field and expectation when the message cannot be used
   */
  Optional<NetworkEvent> parse(String topic, byte[] payload) throws MessageProblem;

  /**
   * An unconfirmed downlink to a class-C device, to be published as is.
   *
   * <p>The Things Stack addresses devices by device id, not DevEUI: this takes the id to be {@code
   * eui-} and the EUI in lower-case hex, which is what its Console fills in. For devices registered
   * under another id, use {@link #downlink(long, String, int, byte[])} with {@link
   * NetworkEvent.Uplink#deviceId()}.
   *
   * @param fPort 1 to 223 (0 carries MAC commands, 224 and up are reserved)
   */
  default Downlink downlink(long devEui, int fPort, byte[] data) {
    return downlink(devEui, null, fPort, data);
  }

  /**
   * An unconfirmed downlink to a class-C device, to be published as is.
   *
   * @param deviceId The Things Stack's device id; null for {@code eui-<devEui>}. ChirpStack
   *     addresses devices by EUI and ignores it.
   * @param fPort 1 to 223 (0 carries MAC commands, 224 and up are reserved)
   * @throws IllegalArgumentException for an fPort out of range or a device id that is not one
   */
  Downlink downlink(long devEui, String deviceId, int fPort, byte[] data);

  /** A message to publish: a topic and the payload bytes (UTF-8 JSON). */
  record Downlink(String topic, byte[] payload) {

    public Downlink {
      Objects.requireNonNull(topic, "topic");
      payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Downlink that
          && topic.equals(that.topic)
          && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
      return topic.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Downlink[topic="
          + topic
          + ", payload="
          + new String(payload, StandardCharsets.UTF_8)
          + "]";
    }
  }
}
