/**
 * The SQLite adapter: {@link dev.parkedge.gateway.storage.sqlite.SqliteStore} implements the
 * journal, the space-state store and the device store on one SQLite file in WAL mode. All SQL of
 * the gateway lives in this package; every statement is prepared.
 *
 * <h2>Schema</h2>
 *
 * Created by forward-only migrations {@code db/migration/VNNN__name.sql}, each in its own
 * transaction, recorded in {@code schema_version(version, name, applied_at_ms)}. A file whose
 * schema version is newer than the code is refused. {@code PRAGMA application_id} is 'PEDG' so that
 * another application's SQLite file is refused too.
 *
 * <ul>
 *   <li>{@code journal(seq, type, subject, at_ms, clock_trusted, body)}: append-only. {@code seq}
 *       is the rowid, assigned by the writer as max+1 inside the commit (never AUTOINCREMENT), so
 *       it is gap-free: a rolled-back commit consumed nothing. {@code at_ms} is UTC epoch
 *       milliseconds (compact, sorts, and every consumer parses it; sub-millisecond precision is
 *       dropped). {@code body} is the entry's body as JSON text (Jackson), serialised on the
 *       caller's thread so a body that is not JSON fails the caller, not the writer's batch.
 *   <li>{@code space_state(space_id, state, since_ms, sensed, maintenance)}: a snapshot of the
 *       journal's projection, written every snapshot interval (default 5 min) and at close, in one
 *       transaction that also records in the one-row {@code space_snapshot(id, seq)} the seq of the
 *       last journal entry committed with it. Restore ({@code loadSpaces}) reads it, then applies
 *       the {@code space.state} and {@code space.maintenance} entries after that seq ({@link
 *       dev.parkedge.gateway.storage.sqlite.SpaceProjection}; gateway/JOURNAL.md has the bodies).
 *       At open, changes replayed that way are held and snapshotted at once.
 *   <li>{@code device(eui, …)}: device counters, written in the same snapshot transaction (each
 *       device at most once per interval, the latest save). Nullable device fields are SQL NULL.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * One thread, {@code storage-writer}, owns the only write connection. {@code append}, {@code
 * saveSpace} and {@code saveDevices} only enqueue under a short lock. The writer takes the pending
 * entries and commits them as one transaction (group commit) when the oldest has waited {@code
 * maxCommitDelay} (default 500 ms, at most 1 s), and at once when an {@code appendDurably} waits;
 * device saves ride in the next such batch, the held space saves in the batch due once every
 * snapshot interval. Reads go through a second, read-only connection (WAL readers do not block the
 * writer).
 *
 * <h2>Durability per kind of data</h2>
 *
 * <ul>
 *   <li>{@code appendDurably}: the batch carrying it commits with {@code synchronous=FULL} (the WAL
 *       is fsync'd); the future completes only after that commit returns, exceptionally if it fails
 *       (that entry is then not retried: the caller was told it failed). Survives power loss.
 *   <li>{@code append}: committed within {@code maxCommitDelay} with {@code synchronous=NORMAL}:
 *       survives a process crash (kill -9) at once; on power loss, the commits since the last fsync
 *       (next durable commit, WAL checkpoint, or the kernel's writeback, typically within 30 s) may
 *       be lost, never half-applied. This keeps a quiet site from fsyncing five times a second on
 *       an SD card (see the README benchmark).
 *   <li>{@code saveSpace}: a journaled state change is as durable as its entry (restore replays
 *       it); a save with no entry (the sensor changes under maintenance) waits for the snapshot.
 *   <li>{@code saveDevices}: written with the next commit, like an {@code append}; the gateway
 *       hands changed devices over once per snapshot interval (in slices of 512 over ~10 s), so a
 *       crash loses at most one interval of device counters and a slice's few seconds.
 * </ul>
 *
 * <h2>When commits fail</h2>
 *
 * A failed commit is rolled back; its entries and saves go back to the head of the queue and the
 * writer retries after a pause that doubles from {@code maxCommitDelay} up to 5 s. {@code health()}
 * turns not-ok with a reason ({@code disk full: …}); a failed snapshot is retried as a snapshot.
 * Pending work is bounded at 100,000 items: state saves are coalesced per space and device (latest
 * wins, so space saves stay bounded by the site), and past the bound the oldest device saves are
 * dropped; space saves are not (a later snapshot's seq would cover a change it lacks), nor are
 * journal entries.
 *
 * <h2>At open</h2>
 *
 * The file's header, writability (file and folder: WAL needs {@code -wal} and {@code -shm} next to
 * it), {@code PRAGMA integrity_check} and schema version are checked before anything is written;
 * each failure is a {@link dev.parkedge.gateway.storage.sqlite.StorageException} naming the file
 * and what to do, so the daemon exits once with one line instead of crash-looping. integrity_check
 * rather than quick_check: with no secondary index both read every page and cost the same (about
 * 120 ms for 100 MB, warm).
 */
package dev.parkedge.gateway.storage.sqlite;
