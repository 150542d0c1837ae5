package dev.parkedge.gateway.display.lorawan;

/**
 * Where display downlinks go: the network-server adapter (MQTT) implements it and enqueues a class
 * C downlink for the device. Must not block; an exception means the downlink was not taken (the
 * driver counts it as failed and sends the display's newest state again later).
 */
public interface DownlinkSender {

  /**
   * Queues one unconfirmed downlink.
   *
   * @param devEui the device's DevEUI
   * @param fPort the LoRaWAN port, 1..223
   * @param payload the FRMPayload; the sender may keep the array
   */
  void send(long devEui, int fPort, byte[] payload);
}
