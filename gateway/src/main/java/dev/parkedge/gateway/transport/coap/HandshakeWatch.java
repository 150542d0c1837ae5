package dev.parkedge.gateway.transport.coap;

import java.net.InetSocketAddress;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Counts and reports failed DTLS handshakes (a wrong key, an unknown identity, a peer that gave
 * up), one warning per peer address per minute. Scandium calls it on its own threads.
 */
final class HandshakeWatch implements SessionListener {

  private final String bus;
  private final LinkCounters counters;
  private final PeerWarnings warnings;

  HandshakeWatch(String bus, LinkCounters counters, PeerWarnings warnings) {
    this.bus = bus;
    this.counters = counters;
    this.warnings = warnings;
  }

  @Override
  public void handshakeStarted(Handshaker handshaker) {}

  @Override
  public void contextEstablished(Handshaker handshaker, DTLSContext context) {}

  @Override
  public void handshakeCompleted(Handshaker handshaker) {}

  @Override
  public void handshakeFailed(Handshaker handshaker, Throwable error) {
    counters.handshakeFailures.increment();
    InetSocketAddress peer = handshaker.getPeerAddress();
    String host = peer == null ? "unknown peer" : peer.getAddress().getHostAddress();
    warnings.warn(
        host,
        "handshake",
        "coap {}: DTLS handshake from {} failed: {}",
        bus,
        peer == null ? host : host + ":" + peer.getPort(),
        PeerWarnings.printable(String.valueOf(error.getMessage())));
  }

  @Override
  public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {}
}
