package dev.parkedge.gateway.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all mutable domain state. Transports hand it work; it never blocks on
 * I/O. Periodic tasks catch and log everything, because a scheduled task that throws is silently
 * cancelled.
 */
final class DomainThread implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DomainThread.class);

  private final ScheduledThreadPoolExecutor executor;

  DomainThread() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "domain");
              thread.setDaemon(false);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code task} on the domain thread, after what is already queued. */
  void execute(Runnable task) {
    try {
      executor.execute(() -> guarded("task", task));
    } catch (RejectedExecutionException stopping) {
      log.debug("domain: stopping, dropped a task");
    }
  }

  /** Runs {@code task} on the domain thread and waits for its result. */
  <T> T call(Callable<T> task, Duration timeout) throws TimeoutException {
    Future<T> future = executor.submit(task);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Runs {@code task} on the domain thread without waiting: the future completes with its result
   * (exceptionally with what it throws, or when the domain is stopping).
   */
  <T> java.util.concurrent.CompletableFuture<T> submit(Callable<T> task) {
    java.util.concurrent.CompletableFuture<T> result =
        new java.util.concurrent.CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              result.complete(task.call());
            } catch (Exception | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException stopping) {
      result.completeExceptionally(new IllegalStateException("the gateway is stopping"));
    }
    return result;
  }

  /** Runs {@code task} every {@code period}, logging (never propagating) what it throws. */
  void every(Duration period, String name, Runnable task) {
    executor.scheduleAtFixedRate(
        () -> guarded(name, task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void guarded(String name, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("domain: {} failed", name, e);
    }
  }

  /** Runs what is queued now, then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("domain: tasks still running after 5 s; stopping them");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
