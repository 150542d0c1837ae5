package dev.parkedge.gateway.transport.coap;

/**
 * Counters of the CoAP device link since it was opened.
 *
 * @param packets PSP/1 packets accepted and handed to sensing
 * @param badPackets bodies that are not a valid PSP/1 packet (bad CRC, length, type...): 4.00
 * @param forbidden requests for another device than the DTLS identity's (a packet with another
 *     device's EUI, a display observing another display): 4.03
 * @param unknownIdentities DTLS handshakes with a PSK identity that is not in the key file
 * @param handshakeFailures DTLS handshakes that failed for any reason (a wrong key, an unknown
 *     identity, a timeout)
 * @param observers displays observing their state right now
 */
public record CoapDeviceStats(
    long packets,
    long badPackets,
    long forbidden,
    long unknownIdentities,
    long handshakeFailures,
    int observers) {}
