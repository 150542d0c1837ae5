package dev.parkedge.gateway.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread (a port reopening, a register written). */
public final class Eventually {

  private Eventually() {}

  /** Polls {@code condition} every 10 ms; fails naming {@code what} if it is not true in time. */
  public static Duration await(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
