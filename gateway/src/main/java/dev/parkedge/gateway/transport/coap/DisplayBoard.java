package dev.parkedge.gateway.transport.coap;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.proto.psp.PspCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each CoAP display should show, as the PSP/1 packet its resource serves. Written by the
 * domain thread only; read by Californium's threads when a display GETs or is notified.
 */
final class DisplayBoard {

  private record Shown(DisplayState state, int seq, byte[] packet) {}

  private final Map<Long, Shown> shown = new ConcurrentHashMap<>();

  /**
   * Records {@code state} for {@code eui}.
   *
   * @return whether it differs from what the display already has (a new packet, a new seq)
   */
  boolean put(long eui, DisplayState state) {
    Shown previous = shown.get(eui);
    if (previous != null && previous.state().equals(state)) {
      return false;
    }
    int seq = previous == null ? 1 : (previous.seq() + 1) & 0xFFFF;
    shown.put(eui, new Shown(state, seq, PspCodec.encodePacket(state.pspMessage(eui, seq))));
    return true;
  }

  /** The packet for {@code eui}'s current state, or an empty array before it has one. */
  byte[] packet(long eui) {
    Shown current = shown.get(eui);
    return current == null ? new byte[0] : current.packet().clone();
  }
}
