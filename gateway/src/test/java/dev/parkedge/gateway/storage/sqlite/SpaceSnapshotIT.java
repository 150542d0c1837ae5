package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Space states as a snapshot plus the journal after it. Changes are made as the domain makes them
 * (save, or mark changed and hand over once per interval, then journal the entry carrying the whole
 * record); a store "killed" is abandoned without close, its writer still holding the saves of the
 * next snapshot.
 */
class SpaceSnapshotIT {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path dir;
  private final Map<String, SpaceRecord> expected = new LinkedHashMap<>();
  private int minute;

  /** Whether changes are marked and handed over at once (the daemon's way) instead of saved. */
  private boolean handingOver;

  private final Map<String, SpaceRecord> changedSinceHandOver = new LinkedHashMap<>();

  /** The changed spaces to the store, as Gateway hands them over once per snapshot interval. */
  private void handOver(SqliteStore store) {
    store.snapshotSpaces(List.copyOf(changedSinceHandOver.values()));
    changedSinceHandOver.clear();
  }

  /** A slice of the changed spaces to the store, as Gateway's pass hands them over. */
  private void slice(SqliteStore store, String... spaces) {
    List<SpaceRecord> slice = new java.util.ArrayList<>();
    for (String space : spaces) {
      slice.add(changedSinceHandOver.remove(space));
    }
    store.saveSpaces(slice);
  }

  private Path file() {
    return dir.resolve("parkedge.db");
  }

  private SqliteStore open() throws StorageException {
    return SqliteStore.open(file(), CLOCK, FAST, HOUR);
  }

  /** A sensed state change, as SensingService journals it. */
  private void sense(SqliteStore store, String space, SpaceState sensed) {
    SpaceRecord before = expected.get(space);
    boolean maintenance = before != null && before.maintenance();
    SpaceState from = before == null ? SpaceState.UNKNOWN : before.state();
    SpaceState to = maintenance ? SpaceState.MAINTENANCE : sensed;
    change(store, "space.state", space, from, to, sensed, maintenance);
  }

  /** A maintenance request, as SensingService journals it: space.maintenance then space.state. */
  private void maintenance(SqliteStore store, String space, boolean on) {
    SpaceRecord before = expected.get(space);
    SpaceState to = on ? SpaceState.MAINTENANCE : before.sensed();
    change(store, "space.maintenance", space, before.state(), to, before.sensed(), on);
    store.append(entry("space.state", space, at(), body(before.state(), to, before.sensed(), on)));
  }

  private void change(
      SqliteStore store,
      String type,
      String space,
      SpaceState from,
      SpaceState to,
      SpaceState sensed,
      boolean maintenance) {
    Instant at = T0.plusSeconds(60L * ++minute);
    SpaceRecord record = new SpaceRecord(space, to, at, sensed, maintenance);
    expected.put(space, record);
    if (handingOver) {
      changedSinceHandOver.put(space, record); // marked, as SensingService marks its cell
    } else {
      store.saveSpace(record);
    }
    Map<String, Object> body = body(from, to, sensed, maintenance);
    if (type.equals("space.maintenance")) {
      body.put("on", maintenance);
    }
    store.append(entry(type, space, at, body));
  }

  private Instant at() {
    return T0.plusSeconds(60L * minute);
  }

  private static Map<String, Object> body(
      SpaceState from, SpaceState to, SpaceState sensed, boolean maintenance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from.jsonName());
    body.put("to", to.jsonName());
    body.put("sensed", sensed.jsonName());
    body.put("maintenance", maintenance);
    return body;
  }

  private static JournalEntry entry(
      String type, String subject, Instant at, Map<String, Object> body) {
    return new JournalEntry(type, subject, at, true, body);
  }

  /** Waits until everything appended so far is committed (not a snapshot). */
  private static void committed(SqliteStore store) throws Exception {
    store.appendDurably(entry("test.marker", "-", T0, Map.of())).get(10, TimeUnit.SECONDS);
  }

  private long snapshotSeq() throws SQLException {
    try (Connection connection = Fixtures.connect(file())) {
      return Long.parseLong(
          Database.query(connection, "SELECT seq FROM space_snapshot WHERE id = 1").get(0));
    }
  }

  private long spaceStateRows() throws SQLException {
    try (Connection connection = Fixtures.connect(file())) {
      return Long.parseLong(Database.query(connection, "SELECT count(*) FROM space_state").get(0));
    }
  }

  @Test
  void saves_write_nothing_until_the_snapshot() throws Exception {
    try (SqliteStore store = open()) {
      sense(store, "A1", SpaceState.OCCUPIED);
      committed(store);

      assertThat(spaceStateRows()).isZero();
      assertThat(snapshotSeq()).isZero();
    }
  }

  @Test
  void after_a_kill_restores_every_committed_change_including_maintenance_on_and_off()
      throws Exception {
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.OCCUPIED);
    sense(killed, "A2", SpaceState.FREE);
    sense(killed, "A1", SpaceState.FREE);
    maintenance(killed, "A2", true);
    sense(killed, "A3", SpaceState.OCCUPIED);
    maintenance(killed, "A3", true);
    maintenance(killed, "A3", false);
    committed(killed);
    // no close(): like kill -9

    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
      assertThat(next.loadSpaces().get("A2").state()).isEqualTo(SpaceState.MAINTENANCE);
      assertThat(next.loadSpaces().get("A3").state()).isEqualTo(SpaceState.OCCUPIED);
    }
  }

  @Test
  void after_a_clean_close_restores_from_the_snapshot_alone() throws Exception {
    try (SqliteStore store = open()) {
      sense(store, "A1", SpaceState.OCCUPIED);
      sense(store, "A2", SpaceState.FREE);
      maintenance(store, "A2", true);
    }

    assertThat(spaceStateRows()).isEqualTo(2);
    try (SqliteStore next = open()) {
      assertThat(snapshotSeq()).isEqualTo(next.lastCommittedSeq());
      assertThat(next.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void after_a_snapshot_more_changes_and_a_kill_restores_snapshot_plus_replay() throws Exception {
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.OCCUPIED);
    sense(killed, "A2", SpaceState.OCCUPIED);
    long snapshot = killed.snapshot().get(10, TimeUnit.SECONDS);
    sense(killed, "A1", SpaceState.FREE);
    maintenance(killed, "A2", true);
    sense(killed, "A3", SpaceState.UNKNOWN);
    committed(killed);

    assertThat(snapshotSeq()).isEqualTo(snapshot);
    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void a_second_kill_after_a_restart_keeps_the_changes_replayed_at_the_first() throws Exception {
    SqliteStore first = open();
    sense(first, "A1", SpaceState.OCCUPIED);
    committed(first);
    // killed; the next store replays A1 and must keep it when its own snapshot moves the seq on
    SqliteStore second = open();
    sense(second, "A2", SpaceState.FREE);
    second.snapshot().get(10, TimeUnit.SECONDS);
    sense(second, "A3", SpaceState.OCCUPIED);
    committed(second);

    try (SqliteStore third = open()) {
      assertThat(third.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void a_hand_over_covers_what_was_journaled_before_it_and_a_kill_replays_the_rest()
      throws Exception {
    handingOver = true;
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.OCCUPIED);
    sense(killed, "A2", SpaceState.OCCUPIED);
    long lastBefore = killed.appendDurably(entry("test.marker", "-", T0, Map.of())).get();
    handOver(killed);
    sense(killed, "A1", SpaceState.FREE); // journaled after the hand-over: not covered
    maintenance(killed, "A2", true);
    sense(killed, "A3", SpaceState.OCCUPIED);
    committed(killed);

    assertThat(snapshotSeq()).isEqualTo(lastBefore);
    assertThat(spaceStateRows()).isEqualTo(2);
    // no close(): like kill -9
    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
      assertThat(next.loadSpaces().get("A1").state()).isEqualTo(SpaceState.FREE);
    }
  }

  @Test
  void a_kill_in_the_middle_of_a_pass_restores_slices_written_ahead_of_their_snapshot()
      throws Exception {
    handingOver = true;
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.OCCUPIED);
    sense(killed, "A2", SpaceState.OCCUPIED);
    sense(killed, "A3", SpaceState.OCCUPIED);
    handOver(killed);
    long snapshot = killed.snapshot().get(10, TimeUnit.SECONDS);
    sense(killed, "A1", SpaceState.FREE);
    sense(killed, "A2", SpaceState.FREE);
    sense(killed, "A3", SpaceState.FREE);
    slice(killed, "A1", "A2");
    sense(killed, "A1", SpaceState.OCCUPIED); // after its slice: only the journal has it
    maintenance(killed, "A2", true);
    committed(killed);

    assertThat(snapshotSeq()).isEqualTo(snapshot);
    assertThat(spaceStateRows()).isEqualTo(3);
    // no close(): like kill -9, before the pass's snapshot
    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
      assertThat(next.loadSpaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
    }
  }

  @Test
  void a_pass_of_slices_ending_in_a_snapshot_covers_what_was_journaled_before_its_end()
      throws Exception {
    handingOver = true;
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.OCCUPIED);
    sense(killed, "A2", SpaceState.OCCUPIED);
    slice(killed, "A1");
    sense(killed, "A1", SpaceState.FREE); // changed again: the pass's snapshot takes it
    slice(killed, "A2");
    sense(killed, "A3", SpaceState.OCCUPIED); // never sliced: the snapshot takes it
    long lastBefore = killed.appendDurably(entry("test.marker", "-", T0, Map.of())).get();
    handOver(killed);
    sense(killed, "A2", SpaceState.FREE); // after the pass: replayed
    committed(killed);

    assertThat(snapshotSeq()).isEqualTo(lastBefore);
    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void a_clean_close_after_the_last_hand_over_restores_from_snapshot_and_replay() throws Exception {
    handingOver = true;
    try (SqliteStore store = open()) {
      sense(store, "A1", SpaceState.OCCUPIED);
      handOver(store);
      sense(store, "A2", SpaceState.FREE);
      handOver(store); // as Gateway does at stop, before the store closes
      sense(store, "A3", SpaceState.OCCUPIED); // a change no hand-over saw: the journal has it
    }

    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void replay_ignores_every_other_entry_type() throws Exception {
    SqliteStore killed = open();
    sense(killed, "A1", SpaceState.FREE);
    killed.snapshot().get(10, TimeUnit.SECONDS);
    Map<String, Object> lookalike =
        body(SpaceState.FREE, SpaceState.OCCUPIED, SpaceState.OCCUPIED, true);
    for (String type :
        List.of(
            "device.orphan",
            "device.health",
            "layout.applied",
            "gateway.started",
            "clock.jump",
            "space.statex")) {
      killed.append(entry(type, "A1", T0.plusSeconds(3600), lookalike));
    }
    committed(killed);

    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).isEqualTo(expected);
    }
  }

  @Test
  void a_snapshot_records_the_seq_of_the_last_entry_committed_with_it() throws Exception {
    try (SqliteStore store = open()) {
      sense(store, "A1", SpaceState.OCCUPIED);
      committed(store); // seqs 1, 2
      sense(store, "A2", SpaceState.FREE); // seq 3, pending: rides in the snapshot's transaction

      long seq = store.snapshot().get(10, TimeUnit.SECONDS);

      assertThat(seq).isEqualTo(3);
      assertThat(store.lastCommittedSeq()).isEqualTo(3);
      assertThat(snapshotSeq()).isEqualTo(3);
      assertThat(spaceStateRows()).isEqualTo(2);
    }
  }

  @Test
  void a_database_from_schema_version_1_keeps_its_space_states_without_replaying_old_entries()
      throws Exception {
    SqliteStore.open(file(), CLOCK, FAST).close();
    try (Connection connection = Fixtures.connect(file())) {
      for (String sql :
          List.of(
              "DROP TABLE reservation",
              "DROP TABLE session",
              "DROP TABLE ledger_txn",
              "DROP TABLE ledger_posting",
              "DROP TABLE ledger_balance",
              "DROP TABLE violation",
              "DELETE FROM schema_version WHERE version = 5",
              "DROP TABLE command_inbox",
              "ALTER TABLE journal DROP COLUMN mono_ms",
              "ALTER TABLE journal DROP COLUMN boot_id",
              "DELETE FROM schema_version WHERE version = 4",
              "ALTER TABLE space_state DROP COLUMN sensor_fcnt",
              "DELETE FROM schema_version WHERE version = 3",
              "DROP TABLE space_snapshot",
              "DELETE FROM schema_version WHERE version = 2",
              "INSERT INTO journal VALUES (1, 'space.state', 'A1', 0, 1,"
                  + " '{\"from\":\"unknown\",\"to\":\"free\",\"cause\":\"sensor\",\"sensor\":null}')",
              "INSERT INTO space_state VALUES ('A1', 'OCCUPIED', 5, 'OCCUPIED', 0)")) {
        Database.pragma(connection, sql);
      }
    }

    try (SqliteStore upgraded = open()) {
      assertThat(snapshotSeq()).isEqualTo(1);
      assertThat(upgraded.loadSpaces())
          .containsExactly(
              Map.entry(
                  "A1",
                  new SpaceRecord(
                      "A1",
                      SpaceState.OCCUPIED,
                      Instant.ofEpochMilli(5),
                      SpaceState.OCCUPIED,
                      false)));
    }
  }
}
