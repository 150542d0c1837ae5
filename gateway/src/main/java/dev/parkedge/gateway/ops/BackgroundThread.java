package dev.parkedge.gateway.ops;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The operations' own threads: one named daemon thread each, so a stop never waits for them. */
final class BackgroundThread {

  private BackgroundThread() {}

  /** A scheduler running its tasks one at a time on a daemon thread called {@code name}. */
  static ScheduledExecutorService named(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
