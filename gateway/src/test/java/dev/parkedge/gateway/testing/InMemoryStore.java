package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Journal and state stores in memory: everything is "committed" at once. */
public final class InMemoryStore implements Journal, SpaceStateStore, DeviceStore {

  public final List<JournalEntry> entries = new ArrayList<>();
  public final Map<String, SpaceRecord> spaces = new LinkedHashMap<>();
  public final Map<Long, DeviceRecord> devices = new LinkedHashMap<>();
  private volatile String failing;

  /** Health reports this failure (null: healthy again), as a full disk would. */
  public void failing(String reason) {
    failing = reason;
  }

  @Override
  public synchronized void append(JournalEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized CompletableFuture<Long> appendDurably(JournalEntry entry) {
    entries.add(entry);
    return CompletableFuture.completedFuture((long) entries.size());
  }

  @Override
  public synchronized CompletableFuture<Long> sync() {
    return CompletableFuture.completedFuture((long) entries.size());
  }

  @Override
  public synchronized long lastCommittedSeq() {
    return entries.size();
  }

  @Override
  public StorageHealth health() {
    String reason = failing;
    return reason == null ? StorageHealth.healthy(0) : new StorageHealth(false, reason, 0);
  }

  @Override
  public synchronized Map<String, SpaceRecord> loadSpaces() {
    return new LinkedHashMap<>(spaces);
  }

  @Override
  public synchronized void saveSpace(SpaceRecord record) {
    spaces.put(record.spaceId(), record);
  }

  /**
   * What each {@code saveSpaces} and {@code snapshotSpaces} handed over, in order: "slice A-001
   * A-002", "snapshot A-003", "snapshot" (none).
   */
  public final List<String> handOvers = new ArrayList<>();

  @Override
  public synchronized void saveSpaces(Collection<SpaceRecord> slice) {
    handOvers.add(handOver("slice", slice));
    slice.forEach(this::saveSpace);
  }

  @Override
  public synchronized void snapshotSpaces(Collection<SpaceRecord> changed) {
    handOvers.add(handOver("snapshot", changed));
    changed.forEach(this::saveSpace);
  }

  private static String handOver(String kind, Collection<SpaceRecord> records) {
    StringBuilder line = new StringBuilder(kind);
    records.forEach(record -> line.append(' ').append(record.spaceId()));
    return line.toString();
  }

  @Override
  public synchronized List<DeviceRecord> loadDevices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void saveDevices(Collection<DeviceRecord> records) {
    records.forEach(r -> devices.put(r.eui(), r));
  }

  /** Journal entries of one type, as "subject: body" lines. */
  public synchronized List<String> journal(String type) {
    return entries.stream()
        .filter(e -> e.type().equals(type))
        .map(e -> e.subject() + ": " + e.body())
        .toList();
  }
}
