package dev.parkedge.gateway.sensing;

import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspMessage;

/** Where a transport hands what it decoded. Called on the transport's own thread. */
public interface FrameSink {

  /**
   * A decoded packet.
   *
   * @param bus the bus (or link) it arrived on
   * @param receivedNanos monotonic time ({@link System#nanoTime()}) the last byte arrived
   */
  void onMessage(String bus, PspMessage message, long receivedNanos);

  /** A frame the deframer rejected (already counted by the deframer). */
  void onRejected(String bus, FrameError error, String detail);
}
