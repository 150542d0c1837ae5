package dev.parkedge.gateway.transport.coap;

import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.proto.psp.Eui64;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspFormatException;
import dev.parkedge.proto.psp.PspMessage;
import java.security.Principal;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /psp}: a device sends one PSP/1 packet (application/octet-stream), as {@link
 * PspCodec#decodePacket} reads it: no COBS, no delimiter. The packet must be about the device the
 * DTLS identity is bound to. Answers 2.04, or 4.00 (not PSP/1), 4.03 (another device's EUI), 4.15
 * (another content format), 5.03 (the gateway is not reading yet).
 */
final class PacketResource extends CoapResource {

  private final String bus;
  private final DeviceKeys keys;
  private final AtomicReference<FrameSink> sinks;
  private final LinkCounters counters;
  private final PeerWarnings warnings;
  private final LongSupplier nanoTime;

  /**
   * @param sinks where sensing is; empty until the gateway starts the link
   */
  PacketResource(
      String bus,
      DeviceKeys keys,
      AtomicReference<FrameSink> sinks,
      LinkCounters counters,
      PeerWarnings warnings,
      LongSupplier nanoTime) {
    super("psp");
    this.bus = bus;
    this.keys = keys;
    this.sinks = sinks;
    this.counters = counters;
    this.warnings = warnings;
    this.nanoTime = nanoTime;
    getAttributes().setTitle("PSP/1 packets from devices");
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    long receivedNanos = nanoTime.getAsLong();
    Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
    String identity = DeviceKeys.identityOf(peer);
    OptionalLong own = keys.euiOf(peer);
    if (own.isEmpty()) {
      refuse(exchange, identity, "no device is bound to this identity");
      return;
    }
    int format = exchange.getRequestOptions().getContentFormat();
    if (format != MediaTypeRegistry.UNDEFINED
        && format != MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
      exchange.respond(
          ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
          "send one PSP/1 packet as application/octet-stream");
      return;
    }
    PspMessage message;
    try {
      message = PspCodec.decodePacket(exchange.getRequestPayload());
    } catch (PspFormatException e) {
      rejectBadPacket(exchange, identity, e);
      return;
    }
    if (!speaksOnlyFor(message, own.getAsLong())) {
      refuse(
          exchange,
          identity,
          "packet for device "
              + Eui64.format(message.device())
              + ", but this identity is bound to "
              + Eui64.format(own.getAsLong()));
      return;
    }
    FrameSink sink = sinks.get();
    if (sink == null) {
      exchange.setMaxAge(1);
      exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "gateway starting");
      return;
    }
    sink.onMessage(bus, message, receivedNanos);
    counters.packets.increment();
    exchange.respond(ResponseCode.CHANGED);
  }

  /** A device speaks for itself only: a radio bridge's inner packet counts too. */
  private static boolean speaksOnlyFor(PspMessage message, long eui) {
    if (message.device() != eui) {
      return false;
    }
    return !(message instanceof PspMessage.Radio radio) || speaksOnlyFor(radio.inner(), eui);
  }

  private void rejectBadPacket(CoapExchange exchange, String identity, PspFormatException e) {
    counters.badPackets.increment();
    FrameSink sink = sinks.get();
    if (sink != null) {
      sink.onRejected(bus, e.error(), identity + ": " + e.getMessage());
    }
    warnings.warn(
        identity,
        "bad-packet",
        "coap {}: {}: rejected a packet that is not PSP/1: {}",
        bus,
        identity,
        e.getMessage());
    exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage());
  }

  private void refuse(CoapExchange exchange, String identity, String reason) {
    counters.forbidden.increment();
    warnings.warn(identity, "forbidden", "coap {}: {}: refused: {}", bus, identity, reason);
    exchange.respond(ResponseCode.FORBIDDEN, reason);
  }
}
