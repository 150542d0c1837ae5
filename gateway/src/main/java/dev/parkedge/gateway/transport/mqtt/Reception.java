package dev.parkedge.gateway.transport.mqtt;

import java.util.List;
import java.util.Optional;

/**
 * One gateway's reception of an uplink.
 *
 * @param gatewayEui the gateway's EUI; null when the server does not give one (a gateway reached
 *     through Packet Broker, say)
 */
record Reception(Long gatewayEui, int rssiDbm, double snrDb) {

  /**
   * The best reception: highest RSSI, then highest SNR, then the first listed. Empty when no
   * gateway is listed.
   */
  static Optional<Reception> best(List<Reception> receptions) {
    Reception best = null;
    for (Reception r : receptions) {
      if (best == null
          || r.rssiDbm > best.rssiDbm
          || r.rssiDbm == best.rssiDbm && r.snrDb > best.snrDb) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }
}
