package dev.parkedge.gateway.display;

import dev.parkedge.proto.psp.PspMessage;

/** Sends PSP/1 packets on a bus. Never blocks the caller: writes are queued. */
public interface PspLink {

  /** The bus name. */
  String bus();

  /** Queues the frame of {@code message} for writing; returns at once. */
  void send(PspMessage message);
}
