package dev.parkedge.gateway.transport.coap;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Californium that displays' states changed, on its own thread ({@code coap-<bus>-notify}):
 * {@code CoapResource.changed()} sends the notifications on the caller's thread, and the caller is
 * the domain thread, which must not do network I/O. A display changed twice before its notification
 * goes out is notified once, with its newest state.
 */
final class DisplayNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DisplayNotifier.class);

  private final Map<Long, DisplayResource> resources;
  private final Set<Long> due = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor;

  DisplayNotifier(String bus, Map<Long, DisplayResource> resources) {
    this.resources = Map.copyOf(resources);
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "coap-" + bus + "-notify");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Schedules a notification of {@code eui}'s observers; returns at once. */
  void changed(long eui) {
    DisplayResource resource = resources.get(eui);
    if (resource == null || !due.add(eui)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            due.remove(eui);
            try {
              resource.changed();
            } catch (RuntimeException e) {
              log.warn("coap: notifying display {} failed", resource.getName(), e);
            }
          });
    } catch (RejectedExecutionException e) {
      due.remove(eui); // closing
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
