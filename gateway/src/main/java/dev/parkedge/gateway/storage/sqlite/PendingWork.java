package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.sync.contract.InboxTable;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * short lock to add (no I/O); the writer takes everything due at once as one batch.
 *
 * <p>Journal entries and device saves are due within the commit delay (the domain hands device
 * saves over once per snapshot interval, so holding them here too would only keep a record per
 * device in memory for up to one more interval). Space saves are held, coalesced per space (the
 * latest save wins, so they stay bounded by the site), and go out together in a <em>snapshot</em>
 * batch once every snapshot interval, at close, or when one is requested. Space saves the domain
 * hands over in slices ({@link #addSpaces}) are due with the next commit instead, outside any
 * snapshot. Device saves are coalesced per device the same way. If the pending total exceeds the
 * limit (the disk has been full for long), the oldest device saves are dropped; space saves and
 * journal entries never are (a dropped space save would be missing from a snapshot whose seq covers
 * its change).
 */
final class PendingWork {
  static final int DEFAULT_LIMIT = 100_000;

  /**
   * A journal entry waiting for its commit; {@code done} is set for appendDurably. {@code monoMs}
   * is the monotonic clock when it was appended (journal.mono_ms); {@code resolves}, when set, is
   * the command-inbox row this entry reports, resolved in the same transaction.
   */
  record Append(
      JournalEntry entry,
      String bodyJson,
      CompletableFuture<Long> done,
      long monoMs,
      InboxResolution resolves) {
    Append(JournalEntry entry, String bodyJson, CompletableFuture<Long> done) {
      this(entry, bodyJson, done, System.nanoTime() / 1_000_000, null);
    }

    boolean durable() {
      return done != null;
    }
  }

  /** A command-inbox row to resolve with the entry that reports it (sync-contract InboxTable). */
  record InboxResolution(String digest, InboxTable.Resolution resolution, String reason) {}

  /**
   * Everything taken at once; committed in one transaction. A snapshot batch carries the held state
   * saves and records the journal seq they reflect; {@code snapshotDone} are requests to complete
   * with that seq.
   */
  record Batch(
      List<Append> appends,
      Map<String, SpaceRecord> spaces,
      Map<Long, DeviceRecord> devices,
      List<Consumer<Connection>> tasks,
      boolean snapshot,
      List<CompletableFuture<Long>> snapshotDone,
      List<CompletableFuture<Long>> syncs,
      int covered) {
    /**
     * An ordinary batch, or a snapshot whose saves cover every entry in it.
     *
     * @param covered for a snapshot, how many of the leading appends its space saves cover (see
     *     {@link PendingWork#addSnapshot}): the snapshot records the seq of the last of those
     */
    Batch {
      if (covered < 0 || covered > appends.size()) {
        throw new IllegalArgumentException(
            "covered " + covered + " of " + appends.size() + " appends");
      }
    }

    int size() {
      return appends.size() + spaces.size() + devices.size();
    }

    boolean isEmpty() {
      return size() == 0 && !snapshot && syncs.isEmpty();
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int limit;
  private final long snapshotIntervalNanos;
  private List<Append> appends = new ArrayList<>();
  private LinkedHashMap<String, SpaceRecord> spaces = new LinkedHashMap<>();

  /**
   * Space saves due with the next commit, snapshot or not ({@link #addSpaces}); older than any save
   * of the same space in {@link #spaces}.
   */
  private LinkedHashMap<String, SpaceRecord> dueSpaces = new LinkedHashMap<>();

  private LinkedHashMap<Long, DeviceRecord> devices = new LinkedHashMap<>();
  private List<Consumer<Connection>> tasks = new ArrayList<>();
  private List<CompletableFuture<Long>> snapshotRequests = new ArrayList<>();
  private List<CompletableFuture<Long>> syncs = new ArrayList<>();
  private long firstSyncNanos;
  private boolean snapshotRequested;
  private long nextSnapshotNanos;
  private int durables;
  private long firstArrivalNanos;
  private int inFlight;
  private long droppedStateSaves;
  private boolean closing;

  /**
   * Whether the domain hands space saves over with {@link #addSnapshot} (from its first call on)
   * instead of saving each space before journaling its change.
   */
  private boolean handedOver;

  /** How many of the leading appends the last hand-over covers. */
  private int covered;

  /** Whether a hand-over came since the writer last took a batch. */
  private boolean handedOverSinceTake;

  PendingWork(int limit, Duration snapshotInterval) {
    if (limit < 1) {
      throw new IllegalArgumentException("pending limit must be positive, got " + limit);
    }
    if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
      throw new IllegalArgumentException(
          "snapshot interval must be more than 0, got " + snapshotInterval);
    }
    this.limit = limit;
    this.snapshotIntervalNanos = snapshotInterval.toNanos();
    this.nextSnapshotNanos = System.nanoTime() + snapshotIntervalNanos;
  }

  /**
   * Entries that make a batch worth committing at once, without waiting out the commit delay: under
   * a flood, waiting would only grow the queue, and one transaction of this size is already cheap
   * per entry.
   */
  static final int FULL_BATCH = 2000;

  void add(Append append) {
    lock.lock();
    try {
      if (!arrived()) {
        firstArrivalNanos = System.nanoTime();
        changed.signalAll();
      } else if (append.durable() || appends.size() + 1 == FULL_BATCH) {
        changed.signalAll();
      }
      appends.add(append);
      if (append.durable()) {
        durables++;
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds durable appends that must commit together: under one lock, so they land in one batch (one
   * transaction), whatever the writer takes meanwhile.
   */
  void addAll(List<Append> group) {
    lock.lock();
    try {
      if (!arrived()) {
        firstArrivalNanos = System.nanoTime();
      }
      changed.signalAll();
      for (Append append : group) {
        appends.add(append);
        if (append.durable()) {
          durables++;
        }
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  void add(SpaceRecord record) {
    lock.lock();
    try {
      holding();
      spaces.remove(record.spaceId()); // re-insert: the map's order is the order of last save
      spaces.put(record.spaceId(), record);
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The domain's changed spaces, handed over at once, and a snapshot covering exactly the entries
   * appended before this call: the domain marks a space changed before it journals the change, so
   * these saves reflect every one of those entries. Entries appended after it are committed with
   * the snapshot but not covered (restore replays them). This way no space's save waits in memory
   * between two snapshots; the domain holds the state anyway.
   */
  void addSnapshot(Collection<SpaceRecord> spacesChanged) {
    lock.lock();
    try {
      for (SpaceRecord record : spacesChanged) {
        spaces.remove(record.spaceId());
        spaces.put(record.spaceId(), record);
      }
      handedOver = true;
      covered = appends.size();
      handedOverSinceTake = true;
      snapshotRequested = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Space saves written with the next commit, like device saves, and covering no entry: the domain
   * hands its changed spaces over in slices and ends the pass with {@link #addSnapshot} of those
   * changed since their slice, whose snapshot covers the entries appended before it. A save written
   * ahead of the snapshot seq that covers its change is harmless: restore replays the entries after
   * that seq, and replaying an entry onto a newer save gives the same record.
   */
  void addSpaces(Collection<SpaceRecord> slice) {
    lock.lock();
    try {
      arriving();
      for (SpaceRecord record : slice) {
        dueSpaces.remove(record.spaceId());
        dueSpaces.put(record.spaceId(), record);
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  void add(DeviceRecord record) {
    lock.lock();
    try {
      arriving();
      devices.remove(record.eui());
      devices.put(record.eui(), record);
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  /** The first held save may make an overdue snapshot due: wake the writer to look. */
  private void holding() {
    if (spaces.isEmpty()) {
      changed.signalAll();
    }
  }

  /** Whether entries, device saves or due space saves wait: they share one commit delay. */
  private boolean arrived() {
    return !appends.isEmpty() || !devices.isEmpty() || !dueSpaces.isEmpty();
  }

  /**
   * The first entry or device save starts the commit delay they share: wake the writer to wait it
   * out.
   */
  private void arriving() {
    if (!arrived()) {
      firstArrivalNanos = System.nanoTime();
      changed.signalAll();
    }
  }

  /**
   * Asks for everything added so far to be made durable (committed and fsynced); {@code done}
   * completes with the last committed seq once it is. Due at once, like a durable append.
   */
  /**
   * Syncs waiting together that make their commit due at once. Each waiting sync is an upstream
   * message not yet acknowledged, and a broker sends a client only so many of those (Mosquitto: 20
   * by default): a group of 8 commits well before that window fills, so a flood never waits out the
   * delay below.
   */
  static final int SYNC_GROUP = 8;

  /**
   * Whether waiting syncs are due: {@link #SYNC_GROUP} of them, or the first has waited the commit
   * delay, as long as any journal entry may. At a trickle of LoRaWAN uplinks (a few a second) a
   * commit per uplink wrote about 9 KB per state change to the SD card; a few uplinks sharing one
   * commit share its WAL pages and fsync, and only their acknowledgement waits (their state is
   * applied and shown at once).
   */
  private boolean syncsDue(long now, long maxDelayNanos) {
    return !syncs.isEmpty()
        && (syncs.size() >= SYNC_GROUP || now - firstSyncNanos >= maxDelayNanos);
  }

  void addSync(CompletableFuture<Long> done) {
    lock.lock();
    try {
      if (syncs.isEmpty()) {
        firstSyncNanos = System.nanoTime();
      }
      syncs.add(done);
      changed.signalAll();
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

  /**
   * Makes the next batch a snapshot, now; {@code done} (may be null) completes with the seq it
   * records once it is committed.
   */
  void requestSnapshot(CompletableFuture<Long> done) {
    lock.lock();
    try {
      snapshotRequested = true;
      if (done != null) {
        snapshotRequests.add(done);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void evictOverLimit() {
    while (size() + inFlight > limit && !devices.isEmpty()) {
      Iterator<DeviceRecord> eldest = devices.values().iterator();
      eldest.next();
      eldest.remove();
      droppedStateSaves++;
    }
  }

  private int size() {
    return appends.size() + spaces.size() + dueSpaces.size() + devices.size();
  }

  /**
   * Waits until there is something due and takes it: at once for a durable append, a task, a
   * requested snapshot or closing (which takes everything, as a snapshot); entries when the oldest
   * has waited {@code maxDelayNanos}; held state saves (with any entries) once the snapshot
   * interval has passed. Returns null once closing and nothing is left.
   */
  Batch take(long maxDelayNanos) throws InterruptedException {
    lock.lock();
    try {
      while (tasks.isEmpty() && !snapshotRequested && !syncsDue(System.nanoTime(), maxDelayNanos)) {
        boolean held = !spaces.isEmpty();
        if (closing) {
          if (!arrived() && !held && syncs.isEmpty()) {
            return null;
          }
          break;
        }
        long now = System.nanoTime();
        if (held && now - nextSnapshotNanos >= 0) {
          break;
        }
        long left = Long.MAX_VALUE;
        if (!syncs.isEmpty()) {
          left = firstSyncNanos + maxDelayNanos - now;
        }
        if (arrived()) {
          if (durables > 0 || appends.size() >= FULL_BATCH) {
            break;
          }
          long entriesLeft = firstArrivalNanos + maxDelayNanos - now;
          if (entriesLeft <= 0) {
            break;
          }
          left = Math.min(left, entriesLeft);
        }
        if (held) {
          left = Math.min(left, nextSnapshotNanos - now);
        }
        if (left == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(left);
        }
      }
      return takeBatch();
    } finally {
      lock.unlock();
    }
  }

  private Batch takeBatch() {
    long now = System.nanoTime();
    boolean snapshot =
        snapshotRequested || closing || (!spaces.isEmpty() && now - nextSnapshotNanos >= 0);
    Batch batch;
    int coveredByHandOver = takeCovered();
    if (snapshot) {
      batch =
          new Batch(
              appends,
              mergeOlder(dueSpaces, spaces),
              devices,
              tasks,
              true,
              snapshotRequests,
              syncs,
              coveredByHandOver);
      spaces = new LinkedHashMap<>();
      snapshotRequests = new ArrayList<>();
      snapshotRequested = false;
      nextSnapshotNanos = now + snapshotIntervalNanos;
    } else {
      batch =
          new Batch(appends, dueSpaces, devices, tasks, false, List.of(), syncs, appends.size());
    }
    dueSpaces = new LinkedHashMap<>();
    devices = new LinkedHashMap<>();
    syncs = new ArrayList<>();
    appends = new ArrayList<>();
    tasks = new ArrayList<>();
    durables = 0;
    inFlight = batch.appends().size();
    return batch;
  }

  /**
   * How many of the queued appends a snapshot taken now covers: all of them while producers save
   * spaces before journaling; those before the last hand-over once the domain hands them over. The
   * writer takes them all, so the next hand-over starts from none.
   */
  private int takeCovered() {
    int taken = handedOver ? Math.min(covered, appends.size()) : appends.size();
    covered = 0;
    handedOverSinceTake = false;
    return taken;
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
   * only the appends in {@code retry} (failed durable appends, syncs and snapshot requests were
   * answered and are not retried; a failed snapshot is, as the next batch).
   */
  void requeue(Batch failed, List<Append> retry) {
    lock.lock();
    try {
      List<Append> merged = new ArrayList<>(retry);
      merged.addAll(appends);
      appends = merged;
      if (handedOverSinceTake) {
        // the failed batch was taken before the hand-over: what it retries was appended before
        covered += retry.size();
      }
      // else the retried snapshot covers none of its appends: fewer than it could, never more
      // than its saves reflect (restore replays the rest)
      if (failed.snapshot()) {
        spaces = mergeOlder(failed.spaces(), spaces);
      } else {
        dueSpaces = mergeOlder(failed.spaces(), dueSpaces);
      }
      devices = mergeOlder(failed.devices(), devices);
      durables = (int) appends.stream().filter(Append::durable).count();
      inFlight = 0;
      if (arrived()) {
        firstArrivalNanos = System.nanoTime();
      }
      if (failed.snapshot()) {
        snapshotRequested = true; // retried as a snapshot at once, not one interval later
      }
      evictOverLimit();
    } finally {
      lock.unlock();
    }
  }

  /** {@code newer} with {@code older}'s entries it lacks ahead of its own; newer ones win. */
  private static <K, V> LinkedHashMap<K, V> mergeOlder(Map<K, V> older, LinkedHashMap<K, V> newer) {
    if (older.isEmpty()) {
      return newer;
    }
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
      Batch batch =
          new Batch(
              appends,
              mergeOlder(dueSpaces, spaces),
              devices,
              tasks,
              true,
              snapshotRequests,
              syncs,
              takeCovered());
      syncs = new ArrayList<>();
      appends = new ArrayList<>();
      spaces = new LinkedHashMap<>();
      dueSpaces = new LinkedHashMap<>();
      devices = new LinkedHashMap<>();
      tasks = new ArrayList<>();
      snapshotRequests = new ArrayList<>();
      snapshotRequested = false;
      durables = 0;
      inFlight = 0;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Journal entries not committed yet, including those in the batch in flight. */
  long pendingCount() {
    lock.lock();
    try {
      return (long) appends.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Space saves held for the next snapshot (not counting a batch in flight). */
  long heldSpaces() {
    lock.lock();
    try {
      return spaces.size();
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
