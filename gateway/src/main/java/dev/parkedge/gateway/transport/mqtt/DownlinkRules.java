package dev.parkedge.gateway.transport.mqtt;

import java.util.Objects;

/** What every network server asks of a downlink before it is put on a topic. */
final class DownlinkRules {

  private DownlinkRules() {}

  /**
   * Refuses an application port outside 1 to 223: 0 carries MAC commands and 224 to 255 are
   * reserved by LoRaWAN; every server would refuse them later, asynchronously, in a log event.
   */
  static void check(int fPort, byte[] data) {
    Objects.requireNonNull(data, "data");
    if (fPort < 1 || fPort > 223) {
      throw new IllegalArgumentException("downlink fPort must be 1 to 223, got " + fPort);
    }
  }
}
