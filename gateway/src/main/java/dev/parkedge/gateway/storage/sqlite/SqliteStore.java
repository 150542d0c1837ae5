package dev.parkedge.gateway.storage.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal, space states and device health in one SQLite file (WAL). One thread, {@code
 * storage-writer}, owns the only write connection and commits the pending journal entries as one
 * transaction at least every {@code maxCommitDelay}, and at once when an {@link #appendDurably} is
 * waiting. Space and device saves are held in memory and written together once every {@code
 * snapshotInterval} and at close; space states are restored from that snapshot plus the journal
 * after it. Producers only enqueue. Reads use a separate read-only connection. See package-info for
 * the schema and the durability of each kind of data.
 */
public final class SqliteStore implements Journal, SpaceStateStore, DeviceStore, AutoCloseable {
  public static final Duration DEFAULT_MAX_COMMIT_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(5);
  static final Duration LONGEST_COMMIT_DELAY = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private final Path file;
  private final PendingWork pending;
  private final StorageWriter writer;
  private final Thread writerThread;
  private final Connection reader;
  private final AtomicLong lastCommittedSeq;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(
      Path file,
      PendingWork pending,
      StorageWriter writer,
      Connection reader,
      AtomicLong lastCommittedSeq) {
    this.file = file;
    this.pending = pending;
    this.writer = writer;
    this.reader = reader;
    this.lastCommittedSeq = lastCommittedSeq;
    this.writerThread = new Thread(writer, "storage-writer");
    this.writerThread.setDaemon(true); // close() on the shutdown hook drains it
  }

  /**
   * Opens (or creates) the database, checks it, brings its schema up to date and starts the writer.
   *
   * @param maxCommitDelay longest time an {@link #append} waits for its commit; at most 1 s
   * @throws StorageException naming the file and what to do, when it cannot be used
   */
  public static SqliteStore open(Path databaseFile, Clock clock, Duration maxCommitDelay)
      throws StorageException {
    return open(databaseFile, clock, maxCommitDelay, DEFAULT_SNAPSHOT_INTERVAL);
  }

  /**
   * As {@link #open(Path, Clock, Duration)}, writing space and device saves every {@code
   * snapshotInterval} (more than 0) instead of every {@link #DEFAULT_SNAPSHOT_INTERVAL}.
   */
  public static SqliteStore open(
      Path databaseFile, Clock clock, Duration maxCommitDelay, Duration snapshotInterval)
      throws StorageException {
    return open(databaseFile, clock, maxCommitDelay, snapshotInterval, PendingWork.DEFAULT_LIMIT);
  }

  static SqliteStore open(
      Path databaseFile, Clock clock, Duration maxCommitDelay, Duration snapshotInterval, int limit)
      throws StorageException {
    if (maxCommitDelay.isNegative()
        || maxCommitDelay.isZero()
        || maxCommitDelay.compareTo(LONGEST_COMMIT_DELAY) > 0) {
      throw new IllegalArgumentException(
          "maxCommitDelay must be more than 0 and at most 1 s, got " + maxCommitDelay);
    }
    Path file = databaseFile.toAbsolutePath().normalize();
    Database.preflight(file);
    Connection write = Database.openWriter(file);
    Connection read = null;
    try {
      long started = System.nanoTime();
      Database.check(write, file);
      long checkMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      Migrations.apply(write, file, clock);
      AtomicLong last = new AtomicLong(maxSeq(write, file));
      read = Database.openReader(file);
      PendingWork pending = new PendingWork(limit, snapshotInterval);
      StorageWriter writer = new StorageWriter(file, write, pending, maxCommitDelay, last);
      SqliteStore store = new SqliteStore(file, pending, writer, read, last);
      store.catchUp();
      store.writerThread.start();
      log.info(
          "storage {}: open, journal at seq {}, integrity_check ok in {} ms, commits every {} ms,"
              + " snapshots every {} s",
          file,
          last.get(),
          checkMillis,
          maxCommitDelay.toMillis(),
          snapshotInterval.toSeconds());
      return store;
    } catch (StorageException | RuntimeException e) {
      Database.closeQuietly(write);
      if (read != null) {
        Database.closeQuietly(read);
      }
      throw e;
    }
  }

  private static long maxSeq(Connection connection, Path file) throws StorageException {
    try {
      return Database.maxSeq(connection);
    } catch (SQLException e) {
      throw Diagnosis.refusal(file, "reading the journal", e);
    }
  }

  @Override
  public void append(JournalEntry entry) {
    ensureOpen();
    pending.add(new PendingWork.Append(entry, json(entry), null));
  }

  @Override
  public CompletableFuture<Long> appendDurably(JournalEntry entry) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new StorageException("storage " + file + " is closed"));
      return done;
    }
    pending.add(new PendingWork.Append(entry, json(entry), done));
    return done;
  }

  @Override
  public CompletableFuture<Long> sync() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new StorageException("storage " + file + " is closed"));
      return done;
    }
    String failure = writer.failure();
    if (failure != null) {
      // commits fail now: nothing can be made durable until one works again
      done.completeExceptionally(new StorageException(failure));
      return done;
    }
    pending.addSync(done);
    return done;
  }

  private static String json(JournalEntry entry) {
    try {
      return JSON.writeValueAsString(entry.body());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "journal entry " + entry.type() + " " + entry.subject() + " has a body that is not JSON",
          e);
    }
  }

  /**
   * Held in memory (no I/O) until the next snapshot. Call it before journaling the change it
   * records: a snapshot records the seq of the last entry committed with it, and must hold the
   * saves of every change up to that seq.
   */
  @Override
  public void saveSpace(SpaceRecord record) {
    ensureOpen();
    pending.add(record);
  }

  /** Held in memory (no I/O), the latest per device, until the next snapshot. */
  @Override
  public void saveDevices(Collection<DeviceRecord> devices) {
    ensureOpen();
    for (DeviceRecord device : devices) {
      pending.add(device);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("storage " + file + " is closed");
    }
  }

  @Override
  public long lastCommittedSeq() {
    return lastCommittedSeq.get();
  }

  @Override
  public StorageHealth health() {
    long count = pending.pendingCount();
    String failure = writer.failure();
    if (failure != null) {
      return new StorageHealth(false, failure, count);
    }
    if (closed.get()) {
      return new StorageHealth(false, "closed", count);
    }
    return StorageHealth.healthy(count);
  }

  /** State saves dropped because too much was pending (see {@link PendingWork}). */
  long droppedStateSaves() {
    return pending.droppedStateSaves();
  }

  /**
   * The snapshot in {@code space_state}, then every space entry the journal committed after it, so
   * that every committed state change is restored even when the process was killed (see {@link
   * SpaceProjection}).
   */
  @Override
  public Map<String, SpaceRecord> loadSpaces() {
    return restore().spaces();
  }

  /** What restore found: every space, and those that journal entries after the snapshot changed. */
  private record Restored(
      Map<String, SpaceRecord> spaces,
      Map<String, SpaceRecord> replayed,
      long snapshotSeq,
      int unreadable) {}

  private Restored restore() {
    Map<String, SpaceRecord> spaces = new LinkedHashMap<>();
    long[] snapshotSeq = new long[1];
    List<JournalRow> after = new ArrayList<>();
    inReadTransaction(
        () -> {
          read(
              "SELECT seq FROM space_snapshot WHERE id = 1",
              statement -> {},
              rows -> snapshotSeq[0] = rows.getLong(1));
          readSnapshot(spaces);
          readSpaceEntries(snapshotSeq[0], after);
        });
    Map<String, SpaceRecord> replayed = new LinkedHashMap<>();
    int unreadable = 0;
    for (JournalRow row : after) {
      if (SpaceProjection.apply(spaces, row)) {
        replayed.put(row.subject(), spaces.get(row.subject()));
      } else {
        unreadable++;
      }
    }
    return new Restored(spaces, replayed, snapshotSeq[0], unreadable);
  }

  private void readSnapshot(Map<String, SpaceRecord> spaces) {
    read(
        "SELECT space_id, state, since_ms, sensed, maintenance, sensor_fcnt FROM space_state"
            + " ORDER BY space_id",
        statement -> {},
        rows -> {
          String id = rows.getString(1);
          spaces.put(
              id,
              new SpaceRecord(
                  id,
                  SpaceState.valueOf(rows.getString(2)),
                  Instant.ofEpochMilli(rows.getLong(3)),
                  SpaceState.valueOf(rows.getString(4)),
                  rows.getInt(5) == 1,
                  rows.getObject(6) == null ? null : rows.getLong(6)));
        });
  }

  private void readSpaceEntries(long afterSeq, List<JournalRow> rows) {
    String types = String.join(", ", Collections.nCopies(SpaceProjection.TYPES.size(), "?"));
    read(
        "SELECT seq, type, subject, at_ms, clock_trusted, body FROM journal WHERE seq > ?"
            + " AND type IN ("
            + types
            + ") ORDER BY seq",
        statement -> {
          statement.setLong(1, afterSeq);
          for (int i = 0; i < SpaceProjection.TYPES.size(); i++) {
            statement.setString(i + 2, SpaceProjection.TYPES.get(i));
          }
        },
        result -> rows.add(journalRow(result)));
  }

  /**
   * At open, before the writer starts: holds what the journal changed after the last snapshot (the
   * process was killed before its next one) and asks for a snapshot at once, so that the next
   * snapshot, which records a later seq, cannot leave those changes out.
   */
  private void catchUp() {
    Restored restored = restore();
    if (restored.unreadable() > 0) {
      log.warn(
          "storage {}: {} space entries after snapshot seq {} lack to/sensed/maintenance;"
              + " skipped",
          file,
          restored.unreadable(),
          restored.snapshotSeq());
    }
    if (!restored.replayed().isEmpty()) {
      restored.replayed().values().forEach(pending::add);
      pending.requestSnapshot(null);
      log.info(
          "storage {}: restored {} spaces from the journal after snapshot seq {}",
          file,
          restored.replayed().size(),
          restored.snapshotSeq());
    }
  }

  /**
   * Writes the held space and device saves now; completes with the journal seq the snapshot
   * records.
   */
  CompletableFuture<Long> snapshot() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    pending.requestSnapshot(done);
    return done;
  }

  @Override
  public List<DeviceRecord> loadDevices() {
    List<DeviceRecord> devices = new ArrayList<>();
    read(
        "SELECT eui, bus, first_seen_ms, last_seen_ms, frames, duplicates, lost, battery_mv,"
            + " temperature_c, rssi_dbm, snr_db, firmware FROM device ORDER BY eui",
        statement -> {},
        rows ->
            devices.add(
                new DeviceRecord(
                    rows.getLong(1),
                    rows.getString(2),
                    instant(rows, 3),
                    instant(rows, 4),
                    rows.getLong(5),
                    rows.getLong(6),
                    rows.getLong(7),
                    integer(rows, 8),
                    integer(rows, 9),
                    integer(rows, 10),
                    rows.getObject(11) == null ? null : rows.getDouble(11),
                    rows.getString(12))));
    return devices;
  }

  /**
   * Committed entries with seq greater than {@code afterSeq}, in seq order, at most {@code limit}.
   */
  public List<JournalRow> readJournal(long afterSeq, int limit) {
    List<JournalRow> journal = new ArrayList<>();
    read(
        "SELECT seq, type, subject, at_ms, clock_trusted, body FROM journal WHERE seq > ?"
            + " ORDER BY seq LIMIT ?",
        statement -> {
          statement.setLong(1, afterSeq);
          statement.setInt(2, limit);
        },
        rows -> journal.add(journalRow(rows)));
    return journal;
  }

  private static JournalRow journalRow(ResultSet rows) throws SQLException {
    return new JournalRow(
        rows.getLong(1),
        rows.getString(2),
        rows.getString(3),
        Instant.ofEpochMilli(rows.getLong(4)),
        rows.getInt(5) == 1,
        rows.getString(6));
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static Integer integer(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  private interface SqlConsumer<T> {
    void accept(T value) throws SQLException;
  }

  /** Runs {@code reads} in one read transaction: they all see the same committed state. */
  private void inReadTransaction(Runnable reads) {
    synchronized (reader) {
      try {
        Database.pragma(reader, "BEGIN");
        try {
          reads.run();
        } finally {
          Database.pragma(reader, "COMMIT");
        }
      } catch (SQLException e) {
        throw new IllegalStateException(Diagnosis.reason(file, e), e);
      }
    }
  }

  private void read(String sql, SqlConsumer<PreparedStatement> bind, SqlConsumer<ResultSet> row) {
    synchronized (reader) {
      try (PreparedStatement statement = reader.prepareStatement(sql)) {
        bind.accept(statement);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            row.accept(rows);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(Diagnosis.reason(file, e), e);
      }
    }
  }

  /** Runs {@code task} on the writer thread with the write connection, before its next commit. */
  CompletableFuture<Void> onWriter(Consumer<Connection> task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.addTask(
        connection -> {
          try {
            task.accept(connection);
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  /**
   * Commits what is pending, stops the writer and closes the connections. Idempotent. If the commit
   * fails (disk full), what could not be committed is logged as lost.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pending.close();
    synchronized (reader) {
      // before the writer: the last connection to close checkpoints the WAL into the file and
      // removes it, and a read-only one cannot
      Database.closeQuietly(reader);
    }
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("storage {}: interrupted while the writer drained", file);
    }
    log.info("storage {}: closed at seq {}", file, lastCommittedSeq.get());
  }

  /**
   * Copies the database, consistently, to {@code out} while the daemon may be writing to it ({@code
   * VACUUM INTO} on a read connection sees one committed snapshot). Refuses an existing {@code
   * out}; checks that the copy opens and passes integrity_check.
   */
  public static void backup(Path databaseFile, Path out) throws StorageException {
    Path file = databaseFile.toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new StorageException(file + " does not exist; nothing to back up");
    }
    if (Files.exists(target)) {
      throw new StorageException(
          target + " already exists; choose a new file name (a backup never overwrites)");
    }
    Database.preflight(file);
    try (Connection connection = Database.openReader(file);
        PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, target.toString());
      vacuum.execute();
    } catch (SQLException e) {
      throw new StorageException(
          "backup of " + file + " to " + target + " failed: " + Diagnosis.reason(file, e), e);
    }
    verifyBackup(target);
  }

  private static void verifyBackup(Path target) throws StorageException {
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
      channel.force(true); // VACUUM INTO does not sync its output
    } catch (IOException e) {
      throw new StorageException("backup " + target + " could not be synced: " + e.getMessage(), e);
    }
    try (Connection connection = Database.openReader(target)) {
      List<String> result = Database.query(connection, "PRAGMA integrity_check(20)");
      if (!result.equals(List.of("ok"))) {
        throw new StorageException(
            "backup " + target + " fails its integrity check: " + String.join("; ", result));
      }
    } catch (SQLException e) {
      throw new StorageException(
          "backup " + target + " does not open: " + Diagnosis.reason(target, e), e);
    }
  }
}
