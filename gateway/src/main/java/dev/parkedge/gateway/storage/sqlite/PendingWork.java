package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What producers handed to the store and the writer has not committed yet. Producers only take a
 * short lock to add (no I/O); the writer takes everything at once as one batch.
 *
 * <p>State saves are coalesced per key (the latest save of a space or device wins), so they stay
 * bounded by the number of spaces and devices. If the pending total still exceeds the limit (the
 * disk has been full for long), the oldest device saves are dropped first, then the oldest space
 * saves; journal entries are never dropped.
 */
final class PendingWork {
  static final int DEFAULT_LIMIT = 100_000;

  /** A journal entry waiting for its commit; {@code done} is set for appendDurably. */
  record Append(JournalEntry entry, String bodyJson, CompletableFuture<Long> done) {
    boolean durable() {
      return done != null;
    }
  }

  /** Everything taken at once; committed in one transaction. */
  record Batch(
      List<Append> appends,
      Map<String, SpaceRecord> spaces,
      Map<Long, DeviceRecord> devices,
      List<Consumer<Connection>> tasks) {
    int size() {
      return appends.size() + spaces.size() + devices.size();
    }

    boolean isEmpty() {
      return size() == 0;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int limit;
  private List<Append> appends = new ArrayList<>();
  private LinkedHashMap<String, SpaceRecord> spaces = new LinkedHashMap<>();
  private LinkedHashMap<Long, DeviceRecord> devices = new LinkedHashMap<>();
  private List<Consumer<Connection>> tasks = new ArrayList<>();
  private int durables;
  private long firstArrivalNanos;
  private int inFlight;
  private long droppedStateSaves;
  private boolean closing;

  PendingWork(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("pending limit must be positive, got " + limit);
    }
    this.limit = limit;
  }

  void add(Append append) {
    lock.lock();
    try {
      arrive(append.durable());
      appends.add(append);
      if (append.durable()) {
        durables++;
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  void add(SpaceRecord record) {
    lock.lock();
    try {
      arrive(false);
      spaces.remove(record.spaceId()); // re-insert: the map's order is the order of last save
      spaces.put(record.spaceId(), record);
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  void add(DeviceRecord record) {
    lock.lock();
    try {
      arrive(false);
      devices.remove(record.eui());
      devices.put(record.eui(), record);
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code task} on the writer thread, on its connection, before its next commit. */
  void addTask(Consumer<Connection> task) {
    lock.lock();
    try {
      tasks.add(task);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void arrive(boolean durable) {
    if (size() == 0) {
      firstArrivalNanos = System.nanoTime();
      changed.signalAll();
    } else if (durable) {
      changed.signalAll();
    }
  }

  private void evictOverLimit() {
    while (size() + inFlight > limit && !(devices.isEmpty() && spaces.isEmpty())) {
      Iterator<?> eldest =
          devices.isEmpty() ? spaces.values().iterator() : devices.values().iterator();
      eldest.next();
      eldest.remove();
      droppedStateSaves++;
    }
  }

  private int size() {
    return appends.size() + spaces.size() + devices.size();
  }

  /**
   * Waits until there is something to commit and it is due: at once for a durable append, a task or
   * closing; otherwise when the oldest item has waited {@code maxDelayNanos}. Returns null once
   * closing and nothing is left.
   */
  Batch take(long maxDelayNanos) throws InterruptedException {
    lock.lock();
    try {
      while (tasks.isEmpty()) {
        if (size() == 0) {
          if (closing) {
            return null;
          }
          changed.await();
          continue;
        }
        if (closing || durables > 0) {
          break;
        }
        long left = firstArrivalNanos + maxDelayNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
      Batch batch = new Batch(appends, spaces, devices, tasks);
      appends = new ArrayList<>();
      spaces = new LinkedHashMap<>();
      devices = new LinkedHashMap<>();
      tasks = new ArrayList<>();
      durables = 0;
      inFlight = batch.size();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** The batch is committed. */
  void committed() {
    lock.lock();
    try {
      inFlight = 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts back a batch whose commit failed, ahead of what arrived since (newer saves win), keeping
   * only the appends in {@code retry} (failed durable appends were answered and are not retried).
   */
  void requeue(Batch failed, List<Append> retry) {
    lock.lock();
    try {
      List<Append> merged = new ArrayList<>(retry);
      merged.addAll(appends);
      appends = merged;
      spaces = mergeOlder(failed.spaces(), spaces);
      devices = mergeOlder(failed.devices(), devices);
      durables = (int) appends.stream().filter(Append::durable).count();
      inFlight = 0;
      if (size() > 0) {
        firstArrivalNanos = System.nanoTime();
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  private static <K, V> LinkedHashMap<K, V> mergeOlder(Map<K, V> older, Map<K, V> newer) {
    LinkedHashMap<K, V> merged = new LinkedHashMap<>(older);
    for (Map.Entry<K, V> entry : newer.entrySet()) {
      merged.remove(entry.getKey());
      merged.put(entry.getKey(), entry.getValue());
    }
    return merged;
  }

  /** Waits before retrying a failed commit; returns early for a task or for closing. */
  void awaitRetry(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (left > 0 && tasks.isEmpty() && !closing) {
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean closing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** Takes whatever is left without waiting (at shutdown, when it cannot be committed). */
  Batch drain() {
    lock.lock();
    try {
      Batch batch = new Batch(appends, spaces, devices, tasks);
      appends = new ArrayList<>();
      spaces = new LinkedHashMap<>();
      devices = new LinkedHashMap<>();
      tasks = new ArrayList<>();
      durables = 0;
      inFlight = 0;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Entries, space saves and device saves not committed yet, including the batch in flight. */
  long pendingCount() {
    lock.lock();
    try {
      return (long) size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  long droppedStateSaves() {
    lock.lock();
    try {
      return droppedStateSaves;
    } finally {
      lock.unlock();
    }
  }
}
