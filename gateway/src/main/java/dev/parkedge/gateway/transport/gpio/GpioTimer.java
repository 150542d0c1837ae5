package dev.parkedge.gateway.transport.gpio;

import java.time.Duration;

/**
 * Runs the GPIO adapter's timed work (debounce, blinking, relay pulses) on one thread of its own,
 * and tells the monotonic time. Tests use a manual implementation whose time moves only when told.
 */
interface GpioTimer extends AutoCloseable {

  /** Monotonic time in nanoseconds ({@link System#nanoTime()} in the daemon). */
  long nanoTime();

  /** Runs {@code task} on the timer's thread as soon as possible. */
  default void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /** Runs {@code task} on the timer's thread after {@code delay}. */
  void schedule(Duration delay, Runnable task);

  /** Stops running tasks; tasks not yet due are dropped. */
  @Override
  void close();
}
