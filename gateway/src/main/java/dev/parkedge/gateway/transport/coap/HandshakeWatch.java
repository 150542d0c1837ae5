package dev.parkedge.gateway.transport.coap;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Counts and reports failed DTLS handshakes, each attempt once, with one warning per peer per
 * minute. Scandium calls it on its own threads.
 *
 * <p>Scandium does not fail a handshake with a wrong key by itself: the client's Finished does not
 * decrypt, Scandium drops the record (logged at DEBUG) and waits for a retransmission until the
 * handshake times out. So a MAC error while a handshake is under way is taken as the failure it is:
 * counted, reported, and the connection closed, so the peer gets nothing. An identity that is not
 * in the key file is reported by {@link DeviceKeys} at each lookup, and a retransmitted flight
 * looks it up again. Attempts are therefore told apart by the server's id of their connection, so
 * that one device retrying its flight is one failure, not one per datagram.
 */
final class HandshakeWatch implements SessionListener, ConnectionListener {

  /** Connections whose failure was counted, remembered long enough to outlive retransmissions. */
  private static final int REMEMBERED = 4096;

  private final String bus;
  private final LinkCounters counters;
  private final PeerWarnings warnings;
  private final Set<ConnectionId> counted =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConnectionId, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          });

  HandshakeWatch(String bus, LinkCounters counters, PeerWarnings warnings) {
    this.bus = bus;
    this.counters = counters;
    this.warnings = warnings;
  }

  /** A handshake presented an identity that is not in the key file. */
  void unknownIdentity(ConnectionId connection, String identity) {
    if (!firstFailureOf(connection)) {
      return;
    }
    counters.unknownIdentities.increment();
    counters.handshakeFailures.increment();
    String shown = PeerWarnings.printable(identity);
    warnings.warn(
        shown,
        "unknown-identity",
        "coap {}: DTLS handshake with unknown identity \"{}\" refused",
        bus,
        shown);
  }

  @Override
  public boolean onConnectionMacError(Connection connection) {
    if (!connection.hasOngoingHandshake()) {
      return false; // a damaged or forged record on an established connection: Scandium drops it
    }
    failed(
        connection.getConnectionId(),
        connection.getPeerAddress(),
        "the peer's key does not match its identity's");
    return true;
  }

  @Override
  public void handshakeFailed(Handshaker handshaker, Throwable error) {
    failed(
        handshaker.getConnection().getConnectionId(),
        handshaker.getPeerAddress(),
        PeerWarnings.printable(String.valueOf(error.getMessage())));
  }

  private void failed(ConnectionId connection, InetSocketAddress peer, String reason) {
    if (!firstFailureOf(connection)) {
      return;
    }
    counters.handshakeFailures.increment();
    String host = peer == null ? "unknown peer" : peer.getAddress().getHostAddress();
    warnings.warn(
        host,
        "handshake",
        "coap {}: DTLS handshake from {} failed: {}",
        bus,
        peer == null ? host : host + ":" + peer.getPort(),
        reason);
  }

  private boolean firstFailureOf(ConnectionId connection) {
    if (connection == null) {
      return true;
    }
    synchronized (counted) {
      return counted.add(connection);
    }
  }

  @Override
  public void handshakeStarted(Handshaker handshaker) {}

  @Override
  public void contextEstablished(Handshaker handshaker, DTLSContext context) {}

  @Override
  public void handshakeCompleted(Handshaker handshaker) {}

  @Override
  public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {}

  @Override
  public void onConnectionEstablished(Connection connection) {}

  @Override
  public void onConnectionRemoved(Connection connection) {}

  @Override
  public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean close) {
    return false;
  }

  @Override
  public void beforeExecution(Connection connection) {}

  @Override
  public void updateExecution(Connection connection) {}

  @Override
  public void afterExecution(Connection connection) {}
}
