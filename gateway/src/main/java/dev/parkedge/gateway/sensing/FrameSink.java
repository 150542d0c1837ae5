package dev.parkedge.gateway.sensing;

import dev.parkedge.gateway.devices.Heard;
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

  /**
   * A report its transport already unwrapped (a LoRaWAN uplink through a network server) that the
   * transport acknowledges upstream only once its effects are durable. {@code durable} runs, on
   * another thread, once everything the report changed is committed and synced, or once storage has
   * failed (disk full: the change is kept in memory and committed when the disk recovers, and the
   * network server must keep delivering meanwhile); it never runs if the gateway stops first (the
   * network server then delivers the report again).
   */
  void onHeard(Heard heard, Runnable durable);

  /** A LoRaWAN device joined (again): its frame counter starts over. */
  void onJoined(String bus, long eui);

  /**
   * What a LoRaWAN network server measured of a device: battery in percent and link margin in dB,
   * each null when not known.
   */
  void onLinkStatus(String bus, long eui, Integer batteryPercent, Integer marginDb);
}
