package dev.parkedge.gateway.devices;

import dev.parkedge.proto.psp.PspMessage;

/**
 * A packet as the domain hears it: radio envelopes unwrapped, with where and how it arrived.
 *
 * @param bus the bus it arrived on
 * @param message the device's own packet (the inner packet of a radio envelope)
 * @param bridge the radio bridge's EUI when it came in a radio envelope, else 0
 * @param rssiDbm RSSI of the envelope, or null
 * @param snrDb SNR of the envelope, or null
 * @param receivedNanos monotonic arrival time
 */
public record Heard(
    String bus,
    PspMessage message,
    long bridge,
    Integer rssiDbm,
    Double snrDb,
    long receivedNanos) {

  /** Unwraps a radio envelope, if it is one. */
  public static Heard of(String bus, PspMessage message, long receivedNanos) {
    if (message instanceof PspMessage.Radio radio) {
      return new Heard(
          bus, radio.inner(), radio.device(), radio.rssiDbm(), radio.snrDb(), receivedNanos);
    }
    return new Heard(bus, message, 0, null, null, receivedNanos);
  }

  public long device() {
    return message.device();
  }
}
