package dev.parkedge.gateway.storage.memory;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the gateway runs on when its database cannot be opened (corrupt, not SQLite, read-only, a
 * full disk at start): journal and states in memory, so the lot keeps guiding drivers, while {@link
 * #health()} raises the alarm with the reason. Durable appends fail: nothing that moves money or
 * grants access may be acknowledged without a database.
 */
public final class VolatileStore implements Journal, SpaceStateStore, DeviceStore {

  /** The newest entries kept; older ones are dropped (they could never be committed anyway). */
  static final int MAX_ENTRIES = 100_000;

  private final String reason;
  private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
  private final Map<String, SpaceRecord> spaces = new LinkedHashMap<>();
  private final Map<Long, DeviceRecord> devices = new LinkedHashMap<>();
  private long seq;

  /**
   * @param reason why the database is not used, shown in status and alarms
   */
  public VolatileStore(String reason) {
    this.reason = reason;
  }

  @Override
  public synchronized void append(JournalEntry entry) {
    if (entries.size() == MAX_ENTRIES) {
      entries.removeFirst();
    }
    entries.addLast(entry);
    seq++;
  }

  @Override
  public CompletableFuture<Long> appendDurably(JournalEntry entry) {
    return CompletableFuture.failedFuture(
        new IllegalStateException("no database: " + reason + "; nothing can be committed"));
  }

  /**
   * Completes at once: nothing here is durable, and an alarm says so. Holding transports' upstream
   * acknowledgements instead would stop sensing from network servers until the database is
   * repaired, while the state it would protect lives only in memory anyway.
   */
  @Override
  public synchronized CompletableFuture<Long> sync() {
    return CompletableFuture.completedFuture(seq);
  }

  @Override
  public long lastCommittedSeq() {
    return 0;
  }

  @Override
  public synchronized StorageHealth health() {
    return new StorageHealth(false, "running from memory: " + reason, seq);
  }

  @Override
  public synchronized Map<String, SpaceRecord> loadSpaces() {
    return new LinkedHashMap<>(spaces);
  }

  @Override
  public synchronized void saveSpace(SpaceRecord record) {
    spaces.put(record.spaceId(), record);
  }

  @Override
  public synchronized List<DeviceRecord> loadDevices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void saveDevices(Collection<DeviceRecord> records) {
    records.forEach(record -> devices.put(record.eui(), record));
  }
}
