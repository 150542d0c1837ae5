/**
 * The messages of LoRaWAN network servers over MQTT, without the MQTT client: {@link
 * dev.parkedge.gateway.transport.mqtt.NetworkServerCodec} gives the topic filters to subscribe to,
 * parses each message into a {@link dev.parkedge.gateway.transport.mqtt.NetworkEvent} (uplink,
 * device status, join, ack, tx ack, log) and builds class-C downlinks; a message it cannot use is a
 * {@link dev.parkedge.gateway.transport.mqtt.MessageProblem} naming topic, field and expectation.
 *
 * <p>Servers ({@link dev.parkedge.gateway.transport.mqtt.ServerKind}): ChirpStack v4 (v4.0 leaves
 * out default values, v4.1 and later write them: both read the same), ChirpStack v3 (marshalers
 * {@code json_v3} and {@code json}, topics of v3.11 and later and those before), The Things Stack
 * v3 and The Things Network.
 *
 * <p>Pure code: no threads, no I/O, no logging, no state. Payloads over {@link
 * dev.parkedge.gateway.transport.mqtt.NetworkServerCodec#MAX_MESSAGE_BYTES} are refused unread.
 * Uplinks carry the frame's raw bytes; the server's own decoded object comes along as JSON text for
 * diagnosis only (see DESIGN-DECISIONS.md).
 */
package dev.parkedge.gateway.transport.mqtt;
