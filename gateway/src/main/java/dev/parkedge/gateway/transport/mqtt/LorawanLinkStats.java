package dev.parkedge.gateway.transport.mqtt;

import java.util.Map;

/**
 * A LoRaWAN link's counters since start.
 *
 * @param connected whether the MQTT connection is up
 * @param messages MQTT messages received
 * @param uplinks uplinks among them
 * @param acked messages acknowledged to the broker (uplinks once durable, refused ones at once)
 * @param unacked acknowledgements not sent because the connection they arrived on was gone (the
 *     broker delivers those again)
 * @param unknownDevices uplinks from a dev_eui no space is paired to
 * @param undecodable uplinks the sensor's model (or the server's object) could not read
 * @param refused messages refused before reaching a device, by reason
 * @param joins join events
 * @param deviceEvents status, ack, txack and log events
 * @param reconnects connections made after a loss or a failed attempt
 * @param downlinks downlinks handed to the broker
 * @param downlinksFailed downlinks that could not be handed over (not connected)
 */
public record LorawanLinkStats(
    boolean connected,
    long messages,
    long uplinks,
    long acked,
    long unacked,
    long unknownDevices,
    long undecodable,
    Map<String, Long> refused,
    long joins,
    long deviceEvents,
    long reconnects,
    long downlinks,
    long downlinksFailed) {
  public LorawanLinkStats {
    refused = Map.copyOf(refused);
  }
}
