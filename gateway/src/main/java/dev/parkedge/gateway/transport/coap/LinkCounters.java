package dev.parkedge.gateway.transport.coap;

import java.util.concurrent.atomic.LongAdder;

/** The link's counters, bumped from Californium's and Scandium's threads. */
final class LinkCounters {

  final LongAdder packets = new LongAdder();
  final LongAdder badPackets = new LongAdder();
  final LongAdder forbidden = new LongAdder();
  final LongAdder unknownIdentities = new LongAdder();
  final LongAdder handshakeFailures = new LongAdder();
  final LongAdder displaysCommanded = new LongAdder();
  final LongAdder displaysUnchanged = new LongAdder();
  final LongAdder displaysPublished = new LongAdder();

  CoapDeviceStats snapshot(int observers) {
    return new CoapDeviceStats(
        packets.sum(),
        badPackets.sum(),
        forbidden.sum(),
        unknownIdentities.sum(),
        handshakeFailures.sum(),
        observers);
  }
}
