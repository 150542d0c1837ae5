package dev.parkedge.gateway.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread (a port reopening, a register written). */
public final class Eventually {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private Eventually() {}

  /** Polls {@code condition} every 10 ms; fails naming {@code what} if it is not true in time. */
  public static Duration await(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting until " + what);
      }
      pause(what);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Retries {@code assertion} every 10 ms until it passes; after 10 s its failure stands. */
  public static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause("an assertion holds");
      }
    }
  }

  private static void pause(String what) {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted waiting until " + what);
    }
  }
}
