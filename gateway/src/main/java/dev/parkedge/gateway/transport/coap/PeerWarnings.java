package dev.parkedge.gateway.transport.coap;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warnings about misbehaving peers, at most one per peer (a DTLS identity or an address) and kind
 * per {@link #INTERVAL_NANOS}: a device that retries a bad packet every second, or a scanner trying
 * keys, must not flood the log. Each warning says how many like it were held back since the last.
 * At most {@link #MAX_PEERS} peers are remembered, so a flood of made-up identities cannot grow the
 * heap; beyond that, warnings about new peers are dropped (the counters still count them).
 */
final class PeerWarnings {

  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  static final int MAX_PEERS = 1024;

  private static final class Slot {
    long lastNanos;
    long held;
  }

  private final Logger log;
  private final LongSupplier nanoTime;
  private final Map<String, Slot> slots = new HashMap<>();

  PeerWarnings(Logger log, LongSupplier nanoTime) {
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /**
   * Logs {@code message} (an SLF4J pattern) at WARN unless this peer had one of this kind within
   * the interval; any thread.
   */
  void warn(String peer, String kind, String message, Object... args) {
    long held;
    synchronized (slots) {
      long now = nanoTime.getAsLong();
      String key = kind + " " + peer;
      Slot slot = slots.get(key);
      if (slot == null) {
        if (slots.size() >= MAX_PEERS) {
          slots.values().removeIf(s -> now - s.lastNanos >= INTERVAL_NANOS);
          if (slots.size() >= MAX_PEERS) {
            return;
          }
        }
        slot = new Slot();
        slot.lastNanos = now;
        slots.put(key, slot);
      } else if (now - slot.lastNanos < INTERVAL_NANOS) {
        slot.held++;
        return;
      }
      held = slot.held;
      slot.held = 0;
      slot.lastNanos = now;
    }
    if (held == 0) {
      log.warn(message, args);
    } else {
      log.warn(message + " ({} more like it since the last warning)", append(args, held));
    }
  }

  /** Text a peer chose (an identity, an error detail) made safe for one log line. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_PRINTED; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return text.length() > MAX_PRINTED ? out + "..." : out.toString();
  }

  private static final int MAX_PRINTED = 96;

  private static Object[] append(Object[] args, Object last) {
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
