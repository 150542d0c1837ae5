package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.json.BodyJson;
import dev.parkedge.gateway.remote.CommandInbox;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import dev.parkedge.sync.contract.InboxTable;
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
import java.util.Optional;
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
 * waiting. Device saves go with the next commit. Space saves are held in memory and written
 * together once every {@code snapshotInterval} and at close; space states are restored from that
 * snapshot plus the journal after it. Producers only enqueue. Reads use a separate read-only
 * connection. See package-info for the schema and the durability of each kind of data.
 */
public final class SqliteStore
    implements Journal, SpaceStateStore, DeviceStore, CommandInbox, AutoCloseable {
  public static final Duration DEFAULT_MAX_COMMIT_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(5);
  static final Duration LONGEST_COMMIT_DELAY = Duration.ofSeconds(1);
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
   * As {@link #open(Path, Clock, Duration)}, writing space saves every {@code snapshotInterval}
   * (more than 0) instead of every {@link #DEFAULT_SNAPSHOT_INTERVAL}.
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

  /**
   * All of {@code entries} in one transaction (see {@link PendingWork#addAll}); every one is
   * durable, so that a failed commit is answered and none of them is retried alone.
   */
  @Override
  public CompletableFuture<Long> appendAllDurably(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return sync();
    }
    if (closed.get()) {
      return CompletableFuture.failedFuture(new StorageException("storage " + file + " is closed"));
    }
    List<PendingWork.Append> group = new ArrayList<>(entries.size());
    CompletableFuture<Long> last = null;
    for (JournalEntry entry : entries) {
      last = new CompletableFuture<>();
      group.add(new PendingWork.Append(entry, json(entry), last));
    }
    pending.addAll(group);
    return last;
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
      return BodyJson.write(entry.body());
    } catch (IllegalArgumentException e) {
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

  /**
   * Holds the changed spaces and asks for a snapshot at once, covering the entries appended before
   * this call ({@link PendingWork#addSnapshot}).
   */
  @Override
  public void snapshotSpaces(Collection<SpaceRecord> changed) {
    ensureOpen();
    pending.addSnapshot(changed);
  }

  /** Queued (no I/O), the latest per space, and written with the next commit. */
  @Override
  public void saveSpaces(Collection<SpaceRecord> slice) {
    ensureOpen();
    pending.addSpaces(slice);
  }

  /**
   * Queued (no I/O), the latest per device, and written with the next commit, within the commit
   * delay.
   */
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
   * Writes the held space saves (and any queued device saves) now; completes with the journal seq
   * the snapshot records.
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

  // --- command inbox (remote; the table and its statements are sync-contract's InboxTable) ---

  @Override
  public List<InboxTable.Received> unresolved(int limit) {
    synchronized (reader) {
      try {
        return InboxTable.unresolved(reader, limit);
      } catch (SQLException e) {
        throw new IllegalStateException(Diagnosis.reason(file, e), e);
      }
    }
  }

  @Override
  public Optional<String> seenVerified(String commandId) {
    synchronized (reader) {
      try {
        return InboxTable.seenVerified(reader, commandId);
      } catch (SQLException e) {
        throw new IllegalStateException(Diagnosis.reason(file, e), e);
      }
    }
  }

  @Override
  public CompletableFuture<Long> resolve(
      String digest, InboxTable.Resolution resolution, String reason, JournalEntry result) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new StorageException("storage " + file + " is closed"));
      return done;
    }
    pending.add(
        new PendingWork.Append(
            result,
            json(result),
            done,
            System.nanoTime() / 1_000_000,
            new PendingWork.InboxResolution(digest, resolution, reason)));
    return done;
  }

  // --- end command inbox ---

  /**
   * A reader of the parking tables (reservations, sessions, ledger) on its own read-only
   * connection; the caller closes it.
   */
  public SqliteParkingStore parkingStore() throws StorageException {
    return new SqliteParkingStore(file);
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
   * Proves that the database accepts a write now: a one-row update in its own transaction on the
   * writer thread (one WAL page). Completes exceptionally with the reason when it does not, and not
   * at all while the writer is stuck, which is what the health check's timeout is for.
   */
  public CompletableFuture<Void> probeWrite() {
    return inOwnTransaction(
        connection -> {
          try (PreparedStatement touch =
              connection.prepareStatement(
                  "UPDATE schema_version SET applied_at_ms = applied_at_ms"
                      + " WHERE version = (SELECT max(version) FROM schema_version)")) {
            touch.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Deletes the oldest journal entries, from the first on, in one transaction on the writer thread:
   * at most {@code limit} of them, each below {@code belowSeq}, below the space snapshot's seq
   * (restore replays only what follows it) and written before {@code cutoff}; it stops at the first
   * entry that is not. The newest entry always stays, so the next seq stays max + 1. Completes with
   * how many were deleted, or exceptionally with the reason the database refused.
   */
  public CompletableFuture<Integer> pruneJournal(long belowSeq, Instant cutoff, int limit) {
    return inOwnTransaction(
        connection -> deleteOldest(connection, belowSeq, cutoff.toEpochMilli(), limit));
  }

  /** Work done with the write connection inside a transaction of its own. */
  @FunctionalInterface
  private interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on the writer thread, before its next group commit, between {@code BEGIN
   * IMMEDIATE} and {@code COMMIT}. Completes with what it returned, or exceptionally with the
   * reason the database refused (rolled back); at once when the store is closed.
   */
  private <T> CompletableFuture<T> inOwnTransaction(TransactionWork<T> work) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new StorageException("storage " + file + " is closed"));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    onWriter(
        connection -> {
          try {
            Database.pragma(connection, "BEGIN IMMEDIATE");
            T value = work.run(connection);
            Database.pragma(connection, "COMMIT");
            result.complete(value);
          } catch (SQLException | RuntimeException e) {
            try {
              Database.pragma(connection, "ROLLBACK");
            } catch (SQLException ignored) {
              // SQLite rolled back by itself (SQLITE_FULL, SQLITE_IOERR), or no transaction began
            }
            result.completeExceptionally(
                e instanceof SQLException sql
                    ? new IllegalStateException(Diagnosis.reason(file, sql), sql)
                    : e);
          }
        });
    return result;
  }

  private static int deleteOldest(Connection connection, long belowSeq, long cutoffMs, int limit)
      throws SQLException {
    long bound = belowSeq;
    try (PreparedStatement snapshot =
            connection.prepareStatement("SELECT seq FROM space_snapshot WHERE id = 1");
        ResultSet rows = snapshot.executeQuery()) {
      bound = rows.next() ? Math.min(bound, rows.getLong(1)) : 0;
    }
    bound = Math.min(bound, Database.maxSeq(connection));
    long last = 0;
    try (PreparedStatement oldest =
        connection.prepareStatement(
            "SELECT seq, at_ms FROM journal WHERE seq < ? ORDER BY seq LIMIT ?")) {
      oldest.setLong(1, bound);
      oldest.setInt(2, limit);
      try (ResultSet rows = oldest.executeQuery()) {
        while (rows.next() && rows.getLong(2) < cutoffMs) {
          last = rows.getLong(1);
        }
      }
    }
    if (last == 0) {
      return 0;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM journal WHERE seq <= ?")) {
      delete.setLong(1, last);
      return delete.executeUpdate();
    }
  }

  /**
   * The file name of a backup of this kind taken at {@code at}: {@code daily-20261122T031500Z.db}.
   */
  public static String backupName(String kind, Instant at) {
    return kind
        + "-"
        + java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC)
            .format(at)
        + ".db";
  }

  /**
   * Statistics of a database file for a support bundle, read on a read-only connection while the
   * daemon may be writing: sizes, pages, schema version, rows per table, the journal's range, and
   * entries per type.
   */
  public static Map<String, Object> statistics(Path databaseFile) throws StorageException {
    Path file = databaseFile.toAbsolutePath().normalize();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("file", file.toString());
    stats.put("bytes", sizeOf(file));
    stats.put("wal_bytes", sizeOf(file.resolveSibling(file.getFileName() + "-wal")));
    if (!Files.isRegularFile(file)) {
      return stats;
    }
    try (Connection connection = Database.openReader(file)) {
      for (String pragma : List.of("page_size", "page_count", "freelist_count", "journal_mode")) {
        stats.put(pragma, Database.query(connection, "PRAGMA " + pragma).get(0));
      }
      stats.put(
          "schema_version",
          Database.query(connection, "SELECT coalesce(max(version), 0) FROM schema_version")
              .get(0));
      Map<String, Object> rows = new LinkedHashMap<>();
      for (String table :
          Database.query(
              connection,
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                  + " ORDER BY name")) {
        // table names come from sqlite_master, quoted: never from outside
        rows.put(
            table,
            Long.parseLong(
                Database.query(
                        connection, "SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")
                    .get(0)));
      }
      stats.put("rows", rows);
      stats.put(
          "journal",
          Map.of(
              "first_seq",
                  Database.query(connection, "SELECT coalesce(min(seq), 0) FROM journal").get(0),
              "last_seq",
                  Database.query(connection, "SELECT coalesce(max(seq), 0) FROM journal").get(0),
              "first_at", String.valueOf(at(connection, "min")),
              "last_at", String.valueOf(at(connection, "max"))));
      Map<String, Long> types = new LinkedHashMap<>();
      try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT type, count(*) FROM journal GROUP BY type ORDER BY count(*) DESC");
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          types.put(result.getString(1), result.getLong(2));
        }
      }
      stats.put("journal_types", types);
    } catch (SQLException e) {
      stats.put("error", Diagnosis.reason(file, e));
    }
    return stats;
  }

  private static Instant at(Connection connection, String aggregate) throws SQLException {
    String value =
        Database.query(connection, "SELECT " + aggregate + "(at_ms) FROM journal").get(0);
    return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
  }

  private static long sizeOf(Path path) {
    try {
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Copies the database, consistently, to {@code out} while the daemon may be writing to it ({@code
   * VACUUM INTO} on a read connection sees one committed snapshot). Refuses an existing {@code
   * out}; checks that the copy opens and passes integrity_check.
   */
  /**
   * The command inbox's messages per state, read through a read-only connection (the daemon may be
   * running): {@code parkedge sync status}.
   */
  public static java.util.Map<String, Long> commandCounts(Path databaseFile)
      throws StorageException {
    Path file = databaseFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new StorageException(file + " does not exist (has the gateway run yet?)");
    }
    try (Connection connection = Database.openReader(file)) {
      return dev.parkedge.sync.contract.InboxTable.counts(connection);
    } catch (SQLException e) {
      throw new StorageException(
          "cannot read the command inbox of " + file + ": " + Diagnosis.reason(file, e), e);
    }
  }

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
