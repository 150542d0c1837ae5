package dev.parkedge.gateway.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets a warning about one key (a device, a peer) through at most once per interval, and says how
 * many were held back since: bad input from one device must not flood the log, nor hide that it
 * goes on. Thread-safe; keys are forgotten once their interval has passed.
 */
public final class LogLimiter {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, long[]> byKey = new ConcurrentHashMap<>();

  public LogLimiter(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether to log about {@code key} now. Returns -1 to stay quiet, else how many were held back
   * since the last one logged (0 for the first).
   */
  public long permit(String key) {
    long now = nanoTime.getAsLong();
    if (byKey.size() > 10_000) {
      byKey.values().removeIf(slot -> now - slot[0] >= intervalNanos);
    }
    long[] slot = byKey.computeIfAbsent(key, k -> new long[] {now - intervalNanos, 0});
    synchronized (slot) {
      if (now - slot[0] < intervalNanos) {
        slot[1]++;
        return -1;
      }
      long held = slot[1];
      slot[0] = now;
      slot[1] = 0;
      return held;
    }
  }
}
