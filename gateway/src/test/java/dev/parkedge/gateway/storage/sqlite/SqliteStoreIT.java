package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.entry;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.eventually;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.oneTo;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreIT {
  private static final Duration SLOW = Duration.ofSeconds(1);

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("var/lib/parkedge/parkedge.db");
  }

  private static long count(Path file, String sql) throws SQLException {
    try (Connection connection = Fixtures.connect(file);
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void creates_the_folder_and_runs_each_migration_once_recording_it() throws Exception {
    SqliteStore.open(file(), CLOCK, FAST).close();
    SqliteStore.open(file(), CLOCK, FAST).close();

    try (Connection connection = Fixtures.connect(file())) {
      assertThat(Migrations.appliedVersions(connection)).containsExactly(1, 2, 3, 4);
      assertThat(Database.query(connection, "PRAGMA journal_mode")).containsExactly("wal");
      assertThat(Database.query(connection, "PRAGMA application_id"))
          .containsExactly(String.valueOf(Database.APPLICATION_ID));
    }
    assertThat(count(file(), "SELECT applied_at_ms FROM schema_version")).isEqualTo(CLOCK.millis());
  }

  @Test
  void journal_seqs_are_gap_free_across_many_batches_and_restarts() throws Exception {
    for (int restart = 0; restart < 3; restart++) {
      try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
        for (int batch = 0; batch < 5; batch++) {
          for (int i = 0; i < 100; i++) {
            store.append(entry("A" + i));
          }
          store.appendDurably(entry("batch-end")).get(10, TimeUnit.SECONDS);
        }
      }
    }

    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      assertThat(seqs(store)).isEqualTo(oneTo(1515));
      assertThat(store.lastCommittedSeq()).isEqualTo(1515);
    }
  }

  @Test
  void append_durably_completes_only_once_the_entry_is_visible_to_another_connection()
      throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, SLOW)) {
      store.append(entry("ordinary"));
      assertThat(count(file(), "SELECT count(*) FROM journal")).isZero();

      AtomicLong visibleWhenDone = new AtomicLong(-1);
      CompletableFuture<Long> done = store.appendDurably(entry("payment"));
      CompletableFuture<Void> observed =
          done.thenAccept(
              seq -> {
                try {
                  visibleWhenDone.set(
                      count(file(), "SELECT count(*) FROM journal WHERE seq <= " + seq));
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });

      assertThat(done.get(900, TimeUnit.MILLISECONDS)).isEqualTo(2);
      observed.get(5, TimeUnit.SECONDS);
      assertThat(visibleWhenDone.get()).isEqualTo(2);
    }
  }

  @Test
  void journal_rows_keep_type_subject_time_trust_and_json_body() throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store
          .appendDurably(
              new dev.parkedge.gateway.journal.JournalEntry(
                  "device.orphan",
                  "70b3d57ed0001001",
                  Instant.parse("2026-03-01T08:00:00.456Z"),
                  false,
                  Map.of("bus", "bus1")))
          .get(10, TimeUnit.SECONDS);

      assertThat(store.readJournal(0, 10))
          .containsExactly(
              new JournalRow(
                  1,
                  "device.orphan",
                  "70b3d57ed0001001",
                  Instant.parse("2026-03-01T08:00:00.456Z"),
                  false,
                  "{\"bus\":\"bus1\"}"));
      assertThat(store.readJournal(1, 10)).isEmpty();
    }
  }

  @Test
  void space_states_round_trip_and_the_latest_save_wins() throws Exception {
    SpaceRecord first =
        new SpaceRecord(
            "L1-A-001",
            SpaceState.OCCUPIED,
            Instant.parse("2026-03-01T07:00:00.250Z"),
            SpaceState.OCCUPIED,
            false);
    SpaceRecord maintained =
        new SpaceRecord(
            "L1-A-002",
            SpaceState.MAINTENANCE,
            Instant.parse("2026-03-01T07:30:00Z"),
            SpaceState.FREE,
            true);
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store.saveSpace(
          new SpaceRecord(
              "L1-A-001", SpaceState.FREE, Instant.EPOCH, SpaceState.FREE, false)); // replaced
      store.saveSpace(first);
      store.saveSpace(maintained);
    }

    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      assertThat(store.loadSpaces())
          .containsExactly(Map.entry("L1-A-001", first), Map.entry("L1-A-002", maintained));
    }
  }

  @Test
  void devices_round_trip_with_their_unknown_fields_left_null() throws Exception {
    DeviceRecord silent =
        new DeviceRecord(
            0x70b3d57ed0001001L, "bus1", null, null, 0, 0, 0, null, null, null, null, null);
    DeviceRecord heard =
        new DeviceRecord(
            0xF0b3d57ed0001002L, // negative as a long: EUI-64s use all 64 bits
            "lns-1",
            Instant.parse("2026-02-01T00:00:00Z"),
            Instant.parse("2026-03-01T07:59:59.999Z"),
            1200,
            3,
            7,
            3600,
            -4,
            -112,
            -7.25,
            "1.4");
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store.saveDevices(List.of(silent, heard));
    }

    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      assertThat(store.loadDevices()).containsExactlyInAnyOrder(silent, heard);
    }
  }

  @Test
  void close_commits_what_was_pending_and_can_be_called_twice() throws Exception {
    SqliteStore store = SqliteStore.open(file(), CLOCK, SLOW);
    for (int i = 0; i < 1000; i++) {
      store.append(entry("A" + i));
    }

    store.close();
    store.close();

    assertThat(count(file(), "SELECT count(*) FROM journal")).isEqualTo(1000);
    assertThat(store.lastCommittedSeq()).isEqualTo(1000);
    assertThatThrownBy(() -> store.append(entry("late"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.appendDurably(entry("late")).get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void a_store_abandoned_without_close_keeps_every_committed_entry_for_the_next_one()
      throws Exception {
    SqliteStore abandoned = SqliteStore.open(file(), CLOCK, SLOW);
    List<CompletableFuture<Long>> durable = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      durable.add(abandoned.appendDurably(entry("D" + i)));
    }
    for (CompletableFuture<Long> done : durable) {
      done.get(10, TimeUnit.SECONDS);
    }
    // no close(): like kill -9, the next process opens the file while the WAL holds the commits

    try (SqliteStore next = SqliteStore.open(file(), CLOCK, FAST)) {
      assertThat(next.lastCommittedSeq()).isEqualTo(50);
      assertThat(next.readJournal(0, 100))
          .extracting(JournalRow::subject)
          .startsWith("D0", "D1")
          .endsWith("D49");
      assertThat(next.appendDurably(entry("after")).get(10, TimeUnit.SECONDS)).isEqualTo(51);
    }
  }

  @Test
  void a_rolled_back_commit_leaves_no_gap_and_fails_only_its_durable_entry() throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store
          .onWriter(
              connection -> {
                try {
                  Database.pragma(
                      connection,
                      "CREATE TEMP TRIGGER poison BEFORE INSERT ON journal"
                          + " WHEN NEW.subject = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              })
          .get(10, TimeUnit.SECONDS);

      store.append(entry("a"));
      store.append(entry("b"));
      CompletableFuture<Long> poison = store.appendDurably(entry("poison"));

      assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StorageException.class)
          .hasMessageContaining("poisoned");
      assertThat(store.appendDurably(entry("c")).get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(store.readJournal(0, 10))
          .extracting(JournalRow::seq, JournalRow::subject)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, "a"),
              org.assertj.core.groups.Tuple.tuple(2L, "b"),
              org.assertj.core.groups.Tuple.tuple(3L, "c"));
      eventually(() -> assertThat(store.health().ok()).isTrue());
    }
  }

  @Test
  void refuses_a_commit_delay_longer_than_a_second() {
    assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1 s");
  }
}
