package dev.parkedge.gateway.transport.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.parkedge.gateway.config.GpioConfig;

/**
 * One input pin and its debounce: a level counts once it has held for the configured time. Edges
 * arrive on Pi4J's listener thread, settling runs on the input timer's thread, hence the locks.
 */
final class WatchedInput {

  /** A level that has held long enough; {@code sinceNanos} is when it began. */
  record Settled(boolean active, long sinceNanos) {}

  final GpioConfig.Input config;
  final DigitalInput pin;
  private final long debounceNanos;
  private boolean reported;
  private boolean candidate;
  private long candidateSince;
  private int seq;

  WatchedInput(GpioConfig.Input config, DigitalInput pin) {
    this.config = config;
    this.pin = pin;
    this.debounceNanos = config.debounce().toNanos();
  }

  /** Whether {@code level} means a vehicle over the loop (or a pressed button). */
  boolean active(DigitalState level) {
    return level.isHigh() == config.activeHigh();
  }

  /** Takes the level read at start as settled. */
  synchronized void initial(boolean active, long nowNanos) {
    reported = active;
    candidate = active;
    candidateSince = nowNanos;
  }

  /** An edge: the new level starts its debounce time now. */
  synchronized void edge(boolean active, long nowNanos) {
    if (active != candidate) {
      candidate = active;
      candidateSince = nowNanos;
    }
  }

  /** The level that has now held for the debounce time, if it differs from the last reported. */
  synchronized Settled settle(long nowNanos) {
    if (nowNanos - candidateSince < debounceNanos || candidate == reported) {
      return null;
    }
    reported = candidate;
    return new Settled(candidate, candidateSince);
  }

  /** The next PSP/1 sequence number of this input's device (1, 2, … wrapping at 65536). */
  synchronized int nextSeq() {
    seq = (seq + 1) & 0xFFFF;
    return seq;
  }
}
