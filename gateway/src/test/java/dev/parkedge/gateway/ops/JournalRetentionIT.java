package dev.parkedge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.storage.sqlite.JournalRow;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * journal.keep on a real database: entries written a minute apart from T0, a clean close between
 * writing and pruning (so the space snapshot covers every entry), and the retention run 40 days
 * later with journal.keep 30d.
 */
class JournalRetentionIT {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Clock FORTY_DAYS_LATER =
      Clock.fixed(T0.plus(Duration.ofDays(40)), ZoneOffset.UTC);
  private static final Duration KEEP = Duration.ofDays(30);
  private static final JournalRetention.SyncedUpTo NO_AGENT = OptionalLong::empty;

  @TempDir Path dir;

  private SqliteStore open() throws Exception {
    return SqliteStore.open(dir.resolve("parkedge.db"), FORTY_DAYS_LATER, Duration.ofMillis(10));
  }

  /** Entries 1..count, the last {@code recent} of them written just now (not old enough). */
  private void write(int count, int recent) throws Exception {
    try (SqliteStore store = open()) {
      for (int i = 1; i <= count; i++) {
        Instant at = i > count - recent ? FORTY_DAYS_LATER.instant() : T0.plusSeconds(60L * i);
        store.append(new JournalEntry("test.event", "A1", at, true, Map.of("n", i)));
      }
      store.sync().get(30, TimeUnit.SECONDS);
      // held until the snapshot that the clean close writes: it then covers every entry
      store.saveSpace(new SpaceRecord("A1", SpaceState.OCCUPIED, T0, SpaceState.OCCUPIED, false));
    }
  }

  private static List<Long> seqs(SqliteStore store) {
    return store.readJournal(0, Integer.MAX_VALUE).stream().map(JournalRow::seq).toList();
  }

  private static JournalRetention retention(
      SqliteStore store, JournalRetention.SyncedUpTo sync, boolean clockTrusted) {
    return new JournalRetention(store, KEEP, sync, () -> clockTrusted, FORTY_DAYS_LATER);
  }

  @Test
  void without_a_sync_agent_deletes_every_entry_older_than_keep_in_batches() throws Exception {
    write(2 * JournalRetention.BATCH + 7, 3);
    try (SqliteStore store = open()) {
      long deleted = retention(store, NO_AGENT, true).prune();

      assertThat(deleted).isEqualTo(2 * JournalRetention.BATCH + 4);
      assertThat(seqs(store)).containsExactly(10_005L, 10_006L, 10_007L);
    }
  }

  @Test
  void keeps_what_the_sync_agent_has_not_copied_into_its_outbox() throws Exception {
    write(10, 0);
    try (SqliteStore store = open()) {
      retention(store, () -> OptionalLong.of(6), true).prune();

      assertThat(seqs(store)).containsExactly(7L, 8L, 9L, 10L);
    }
  }

  @Test
  void keeps_everything_while_the_wall_clock_is_not_trusted() throws Exception {
    write(10, 0);
    try (SqliteStore store = open()) {
      assertThat(retention(store, NO_AGENT, false).prune()).isZero();

      assertThat(seqs(store)).hasSize(10);
    }
  }

  @Test
  void an_unreadable_agent_status_deletes_nothing_and_says_why() throws Exception {
    write(10, 0);
    try (SqliteStore store = open()) {
      JournalRetention.SyncedUpTo unreadable =
          () -> {
            throw new IOException("/var/lib/parkedge-sync/sync.db.status.json is not JSON");
          };

      assertThatThrownBy(() -> retention(store, unreadable, true).prune())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is not JSON");
      assertThat(seqs(store)).hasSize(10);
    }
  }
}
