package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.sync.contract.InboxTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage-writer thread's loop: takes the pending work, commits it as one transaction, answers
 * the durable appends, and on failure keeps the work and retries with a growing pause.
 */
final class StorageWriter implements Runnable {
  static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(StorageWriter.class);

  private final Path file;
  private final String bootId = BootId.current();

  /** Whether a NORMAL commit wrote since the last fsync of the WAL. */
  private boolean unsynced;

  private final Connection connection;
  private final PendingWork pending;
  private final long maxDelayNanos;
  private final AtomicLong lastCommittedSeq;
  private volatile String failure;
  private boolean synchronousFull;
  private PreparedStatement maxSeq;
  private PreparedStatement insertEntry;
  private PreparedStatement upsertSpace;
  private PreparedStatement upsertDevice;
  private ChunkedBatch entryRows;
  private ChunkedBatch spaceRows;
  private ChunkedBatch deviceRows;
  private PreparedStatement recordSnapshot;
  private ParkingProjection parking;

  StorageWriter(
      Path file,
      Connection connection,
      PendingWork pending,
      Duration maxCommitDelay,
      AtomicLong lastCommittedSeq) {
    this.file = file;
    this.connection = connection;
    this.pending = pending;
    this.maxDelayNanos = maxCommitDelay.toNanos();
    this.lastCommittedSeq = lastCommittedSeq;
  }

  /** Why the last commit failed; null while commits succeed. */
  String failure() {
    return failure;
  }

  @Override
  public void run() {
    try {
      prepare();
      loop();
    } catch (SQLException e) {
      failure = Diagnosis.reason(file, e);
      log.error("storage {}: writer cannot prepare its statements: {}", file, failure);
      giveUp(pending.drain());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      giveUp(pending.drain());
    } finally {
      checkpointQuietly();
      closeConnection();
    }
  }

  /**
   * Copies the WAL into the database file before closing. Closing the last connection would do it
   * too, but only if no other connection of the process is still attached at that moment, and the
   * store's reader is: checkpoint explicitly so a clean stop always leaves one self-contained file.
   */
  private void checkpointQuietly() {
    try {
      Database.query(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      log.warn("storage {}: checkpoint at close failed: {}", file, e.getMessage());
    }
  }

  private void loop() throws InterruptedException {
    long pause = maxDelayNanos;
    while (true) {
      PendingWork.Batch batch = pending.take(maxDelayNanos);
      if (batch == null) {
        return;
      }
      batch.tasks().forEach(this::runTask);
      if (batch.isEmpty()) {
        pending.committed();
        continue;
      }
      if (commitOrRequeue(batch)) {
        pause = maxDelayNanos;
      } else if (pending.closing()) {
        giveUp(pending.drain());
        return;
      } else {
        pending.awaitRetry(pause);
        pause = Math.min(pause * 2, LONGEST_RETRY_PAUSE.toNanos());
      }
    }
  }

  private void runTask(Consumer<Connection> task) {
    try {
      task.accept(connection);
    } catch (RuntimeException e) {
      log.warn("storage {}: writer task failed: {}", file, e.toString());
    }
  }

  private boolean commitOrRequeue(PendingWork.Batch batch) {
    long last;
    try {
      last = commit(batch);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      onFailure(batch, e);
      return false;
    }
    lastCommittedSeq.set(last);
    pending.committed();
    if (failure != null) {
      log.info("storage {}: commits work again", file);
      failure = null;
    }
    long seq = last - batch.appends().size();
    for (PendingWork.Append append : batch.appends()) {
      seq++;
      if (append.durable()) {
        append.done().complete(seq);
      }
    }
    batch.syncs().forEach(done -> done.complete(last));
    if (batch.snapshot()) {
      long covers = last - batch.appends().size() + batch.covered();
      log.debug(
          "storage {}: snapshot of {} spaces and {} devices at seq {}",
          file,
          batch.spaces().size(),
          batch.devices().size(),
          covers);
      batch.snapshotDone().forEach(done -> done.complete(covers));
    }
    return true;
  }

  /**
   * One transaction: seqs are max+1 inside it, so a rollback leaves no gap. A snapshot batch also
   * writes the held space saves and records the seq of the last entry they cover (all of the
   * batch's, or those appended before the domain handed its changed spaces over: {@link
   * PendingWork#addSnapshot}): every change journaled up to it was saved, or marked changed, before
   * it was journaled (see SpaceStateStore), so the saves in this batch or an earlier snapshot
   * reflect it.
   */
  private long commit(PendingWork.Batch batch) throws SQLException {
    boolean durable =
        !batch.syncs().isEmpty() || batch.appends().stream().anyMatch(PendingWork.Append::durable);
    if (batch.size() == 0 && !batch.snapshot()) {
      // Only syncs: nothing to write, but earlier NORMAL commits may still sit unsynced in the WAL.
      if (unsynced) {
        syncWal();
      }
      return lastCommittedSeq.get();
    }
    synchronous(durable);
    Database.pragma(connection, "BEGIN IMMEDIATE");
    long seq;
    try (var rows = maxSeq.executeQuery()) {
      rows.next();
      seq = rows.getLong(1);
    }
    long first = seq + 1;
    for (PendingWork.Append append : batch.appends()) {
      insert(++seq, append);
      parking.apply(seq, append.entry());
    }
    entryRows.execute();
    resolveInbox(batch.appends(), first);
    for (SpaceRecord space : batch.spaces().values()) {
      upsert(space);
    }
    spaceRows.execute();
    for (DeviceRecord device : batch.devices().values()) {
      upsert(device);
    }
    deviceRows.execute();
    if (batch.snapshot()) {
      recordSnapshot.setLong(1, first - 1 + batch.covered());
      recordSnapshot.executeUpdate();
    }
    Database.pragma(connection, "COMMIT");
    unsynced = !durable;
    return seq;
  }

  /**
   * FULL (fsync the WAL at commit) only for a batch carrying an appendDurably; NORMAL otherwise, so
   * a quiet site does not fsync five times a second. SQLite applies the setting from the next
   * commit on; it cannot change inside a transaction, so it is set before BEGIN.
   */
  private void synchronous(boolean full) throws SQLException {
    if (full != synchronousFull) {
      Database.pragma(
          connection, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
      synchronousFull = full;
    }
  }

  /**
   * fsyncs the WAL file, as SQLite does at a FULL commit: what NORMAL commits wrote survives a
   * power cut from here on. fsync works per file, whichever descriptor asks.
   */
  private void syncWal() throws SQLException {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
      channel.force(false);
    } catch (NoSuchFileException e) {
      // No WAL: everything was checkpointed into the database file, which SQLite synced.
    } catch (IOException e) {
      throw new SQLException("cannot fsync " + wal + ": " + e.getMessage(), e);
    }
    unsynced = false;
  }

  private void onFailure(PendingWork.Batch batch, Exception e) {
    String reason = Diagnosis.reason(file, e);
    if (!reason.equals(failure)) {
      log.warn(
          "storage {}: commit of {} items failed, keeping them and retrying: {}",
          file,
          batch.size(),
          reason);
    }
    failure = reason;
    batch
        .snapshotDone()
        .forEach(done -> done.completeExceptionally(new StorageException(reason, e)));
    // Nothing can be made durable now: say so to those waiting (the LoRaWAN link acknowledges
    // then, so the broker keeps delivering); the entries themselves are kept and retried.
    batch.syncs().forEach(done -> done.completeExceptionally(new StorageException(reason, e)));
    List<PendingWork.Append> retry = new ArrayList<>();
    for (PendingWork.Append append : batch.appends()) {
      if (append.durable()) {
        append.done().completeExceptionally(new StorageException(reason, e));
      } else {
        retry.add(append);
      }
    }
    pending.requeue(batch, retry);
  }

  private void giveUp(PendingWork.Batch left) {
    long entries = left.appends().size();
    left.syncs()
        .forEach(
            done ->
                done.completeExceptionally(
                    new StorageException("storage " + file + " closed before this sync")));
    left.snapshotDone()
        .forEach(
            done ->
                done.completeExceptionally(
                    new StorageException("storage " + file + " closed before the snapshot")));
    for (PendingWork.Append append : left.appends()) {
      if (append.durable()) {
        append
            .done()
            .completeExceptionally(
                new StorageException("storage " + file + " closed before this entry committed"));
      }
    }
    if (!left.isEmpty()) {
      log.error(
          "storage {}: closing with {} journal entries and {} state saves not committed: {}",
          file,
          entries,
          left.spaces().size() + left.devices().size(),
          failure);
    }
  }

  private void prepare() throws SQLException {
    parking = new ParkingProjection(connection);
    maxSeq = connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM journal");
    insertEntry =
        connection.prepareStatement(
            "INSERT INTO journal (seq, type, subject, at_ms, clock_trusted, body, boot_id,"
                + " mono_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    upsertSpace =
        connection.prepareStatement(
            "INSERT INTO space_state (space_id, state, since_ms, sensed, maintenance,"
                + " sensor_fcnt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (space_id) DO UPDATE SET"
                + " state = excluded.state, since_ms = excluded.since_ms,"
                + " sensed = excluded.sensed, maintenance = excluded.maintenance,"
                + " sensor_fcnt = excluded.sensor_fcnt");
    recordSnapshot =
        connection.prepareStatement(
            "INSERT INTO space_snapshot (id, seq) VALUES (1, ?)"
                + " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq");
    upsertDevice =
        connection.prepareStatement(
            "INSERT INTO device (eui, bus, first_seen_ms, last_seen_ms, frames, duplicates, lost,"
                + " battery_mv, temperature_c, rssi_dbm, snr_db, firmware)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (eui) DO UPDATE SET"
                + " bus = excluded.bus, first_seen_ms = excluded.first_seen_ms,"
                + " last_seen_ms = excluded.last_seen_ms, frames = excluded.frames,"
                + " duplicates = excluded.duplicates, lost = excluded.lost,"
                + " battery_mv = excluded.battery_mv, temperature_c = excluded.temperature_c,"
                + " rssi_dbm = excluded.rssi_dbm, snr_db = excluded.snr_db,"
                + " firmware = excluded.firmware");
    entryRows = new ChunkedBatch(insertEntry);
    spaceRows = new ChunkedBatch(upsertSpace);
    deviceRows = new ChunkedBatch(upsertDevice);
  }

  /** Resolves the inbox rows that entries of this batch report, in the same transaction. */
  private void resolveInbox(List<PendingWork.Append> appends, long firstSeq) throws SQLException {
    long seq = firstSeq;
    for (PendingWork.Append append : appends) {
      PendingWork.InboxResolution resolves = append.resolves();
      if (resolves != null) {
        InboxTable.resolve(
            connection,
            resolves.digest(),
            resolves.resolution(),
            resolves.reason(),
            seq,
            append.entry().at().toEpochMilli());
      }
      seq++;
    }
  }

  private void insert(long seq, PendingWork.Append append) throws SQLException {
    JournalEntry entry = append.entry();
    insertEntry.setLong(1, seq);
    insertEntry.setString(2, entry.type());
    insertEntry.setString(3, entry.subject());
    insertEntry.setLong(4, entry.at().toEpochMilli());
    insertEntry.setInt(5, entry.clockTrusted() ? 1 : 0);
    insertEntry.setString(6, append.bodyJson());
    insertEntry.setString(7, bootId);
    insertEntry.setLong(8, append.monoMs());
    entryRows.add();
  }

  private void upsert(SpaceRecord space) throws SQLException {
    upsertSpace.setString(1, space.spaceId());
    upsertSpace.setString(2, space.state().name());
    upsertSpace.setLong(3, space.since().toEpochMilli());
    upsertSpace.setString(4, space.sensed().name());
    upsertSpace.setInt(5, space.maintenance() ? 1 : 0);
    if (space.sensorFrameCounter() == null) {
      upsertSpace.setNull(6, Types.INTEGER);
    } else {
      upsertSpace.setLong(6, space.sensorFrameCounter());
    }
    spaceRows.add();
  }

  private void upsert(DeviceRecord device) throws SQLException {
    upsertDevice.setLong(1, device.eui());
    upsertDevice.setString(2, device.bus());
    setMillis(upsertDevice, 3, device.firstSeen());
    setMillis(upsertDevice, 4, device.lastSeen());
    upsertDevice.setLong(5, device.frames());
    upsertDevice.setLong(6, device.duplicates());
    upsertDevice.setLong(7, device.lost());
    setInteger(upsertDevice, 8, device.batteryMv());
    setInteger(upsertDevice, 9, device.temperatureC());
    setInteger(upsertDevice, 10, device.rssiDbm());
    if (device.snrDb() == null) {
      upsertDevice.setNull(11, Types.REAL);
    } else {
      upsertDevice.setDouble(11, device.snrDb());
    }
    upsertDevice.setString(12, device.firmware());
    deviceRows.add();
  }

  private static void setMillis(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, instant.toEpochMilli());
    }
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private void rollbackQuietly() {
    for (ChunkedBatch rows : List.of(entryRows, spaceRows, deviceRows)) {
      try {
        rows.clear();
      } catch (SQLException ignored) {
        // the statement is reused; a failed clear shows on the next commit
      }
    }
    try {
      Database.pragma(connection, "ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite rolls back by itself after some errors (SQLITE_FULL); nothing left to undo
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("storage {}: closing the write connection failed: {}", file, e.getMessage());
    }
  }
}
