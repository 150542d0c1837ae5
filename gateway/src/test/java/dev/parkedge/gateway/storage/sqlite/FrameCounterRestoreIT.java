package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fCnt of the LoRaWAN uplink behind a space's state survives a stop, from the snapshot and from
 * the journal after it, and {@code sync} answers only once what came before it is committed.
 */
class FrameCounterRestoreIT {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path dir;

  private SqliteStore open() throws StorageException {
    return SqliteStore.open(dir.resolve("parkedge.db"), CLOCK, FAST, Duration.ofHours(1));
  }

  private static void change(SqliteStore store, String space, SpaceState to, Long fCnt) {
    store.saveSpace(new SpaceRecord(space, to, T0, to, false, fCnt));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", "unknown");
    body.put("to", to.jsonName());
    body.put("sensed", to.jsonName());
    body.put("maintenance", false);
    if (fCnt != null) {
      body.put("fcnt", fCnt);
    }
    store.append(new JournalEntry("space.state", space, T0, true, body));
  }

  @Test
  void a_sync_answers_once_the_entries_before_it_are_committed() throws Exception {
    try (SqliteStore store = open()) {
      change(store, "A1", SpaceState.OCCUPIED, 7L);
      change(store, "A2", SpaceState.FREE, 9L);

      long seq = store.sync().get(10, TimeUnit.SECONDS);

      assertThat(seq).isEqualTo(2);
      assertThat(store.lastCommittedSeq()).isEqualTo(2);
    }
  }

  @Test
  void a_sync_with_nothing_pending_answers_at_once_with_the_last_seq() throws Exception {
    try (SqliteStore store = open()) {
      change(store, "A1", SpaceState.OCCUPIED, 7L);
      store.sync().get(10, TimeUnit.SECONDS);

      assertThat(store.sync().get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void the_frame_counter_comes_back_from_the_journal_after_a_kill() throws Exception {
    SqliteStore killed = open();
    change(killed, "A1", SpaceState.OCCUPIED, 7L);
    change(killed, "A1", SpaceState.FREE, 8L);
    change(killed, "A2", SpaceState.FREE, null);
    killed.sync().get(10, TimeUnit.SECONDS);
    // abandoned without close: no snapshot, only the journal

    try (SqliteStore store = open()) {
      Map<String, SpaceRecord> spaces = store.loadSpaces();
      assertThat(spaces.get("A1").sensorFrameCounter()).isEqualTo(8L);
      assertThat(spaces.get("A2").sensorFrameCounter()).isNull();
    }
  }

  @Test
  void the_frame_counter_comes_back_from_the_snapshot() throws Exception {
    try (SqliteStore store = open()) {
      change(store, "A1", SpaceState.OCCUPIED, 41L);
    } // close writes a snapshot

    try (SqliteStore store = open()) {
      assertThat(store.loadSpaces().get("A1").sensorFrameCounter()).isEqualTo(41L);
    }
  }

  @Test
  void an_entry_without_a_frame_counter_keeps_the_one_before() throws Exception {
    SqliteStore killed = open();
    change(killed, "A1", SpaceState.OCCUPIED, 41L);
    change(killed, "A1", SpaceState.UNKNOWN, null); // went stale: no uplink behind it
    killed.sync().get(10, TimeUnit.SECONDS);

    try (SqliteStore store = open()) {
      assertThat(store.loadSpaces().get("A1").sensorFrameCounter()).isEqualTo(41L);
    }
  }
}
