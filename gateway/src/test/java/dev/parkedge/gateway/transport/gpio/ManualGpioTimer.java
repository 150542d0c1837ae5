package dev.parkedge.gateway.transport.gpio;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link GpioTimer} whose time moves only when a test says so; tasks run on the test thread. */
final class ManualGpioTimer implements GpioTimer {

  private record Task(long dueNanos, long order, Runnable body) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order));
  private long now = 1_000_000_000L;
  private long scheduled;
  private boolean closed;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    if (!closed) {
      tasks.add(new Task(now + delay.toNanos(), scheduled++, task));
    }
  }

  /** Runs every task due by now. */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves time forward, running each task at its due time, in order. */
  void advance(Duration duration) {
    long target = now + duration.toNanos();
    while (!tasks.isEmpty() && tasks.peek().dueNanos() <= target) {
      Task task = tasks.poll();
      now = Math.max(now, task.dueNanos());
      task.body().run();
    }
    now = target;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    tasks.clear();
  }
}
