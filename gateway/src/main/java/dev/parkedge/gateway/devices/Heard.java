package dev.parkedge.gateway.devices;

import dev.parkedge.proto.psp.PspMessage;

/**
 * A packet as the domain hears it: radio envelopes unwrapped, with where and how it arrived.
 *
 * @param bus the bus (or network-server link) it arrived on
 * @param message the device's own packet (the inner packet of a radio envelope)
 * @param bridge the radio bridge's (or LoRaWAN gateway's) EUI when it came over radio, else 0
 * @param rssiDbm RSSI of the envelope, or null
 * @param snrDb SNR of the envelope, or null
 * @param receivedNanos monotonic arrival time
 * @param batteryMv the battery the device reported, or null when this packet does not say
 * @param temperatureC the temperature the device reported, or null when this packet does not say
 * @param frameCounter a LoRaWAN uplink's fCnt, or null for PSP/1. Such a counter only grows between
 *     joins, and a network server redelivers what was not acknowledged: anything not ahead of the
 *     last applied counter is a duplicate.
 */
public record Heard(
    String bus,
    PspMessage message,
    long bridge,
    Integer rssiDbm,
    Double snrDb,
    long receivedNanos,
    Integer batteryMv,
    Integer temperatureC,
    Long frameCounter) {

  /** Unwraps a radio envelope, if it is one. */
  public static Heard of(String bus, PspMessage message, long receivedNanos) {
    if (message instanceof PspMessage.Radio radio) {
      return psp(bus, radio.inner(), radio.device(), radio.rssiDbm(), radio.snrDb(), receivedNanos);
    }
    return psp(bus, message, 0, null, null, receivedNanos);
  }

  private static Heard psp(
      String bus, PspMessage inner, long bridge, Integer rssi, Double snr, long receivedNanos) {
    Integer battery = null;
    Integer temperature = null;
    if (inner instanceof PspMessage.Occupancy o) {
      battery = o.batteryMv();
      temperature = o.temperatureC();
    } else if (inner instanceof PspMessage.Heartbeat h) {
      battery = h.batteryMv();
      temperature = h.temperatureC();
    }
    return new Heard(bus, inner, bridge, rssi, snr, receivedNanos, battery, temperature, null);
  }

  public long device() {
    return message.device();
  }
}
