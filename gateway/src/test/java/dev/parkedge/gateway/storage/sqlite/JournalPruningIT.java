package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pruning the journal (journal.keep): ten entries written a minute apart from T0, the space
 * snapshot taken after the eighth unless a case says otherwise.
 */
class JournalPruningIT {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Instant LONG_AFTER = T0.plus(Duration.ofDays(365));
  private static final long NO_AGENT = Long.MAX_VALUE;

  @TempDir Path dir;

  private SqliteStore open() throws StorageException {
    return SqliteStore.open(dir.resolve("parkedge.db"), CLOCK, FAST, Duration.ofHours(1));
  }

  private static Instant minute(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static JournalEntry entry(Instant at) {
    return new JournalEntry("test.event", "A1", at, true, Map.of("state", "occupied"));
  }

  /** Writes entries 1..10 at {@code at[i]} with the snapshot after {@code snapshotAfter}. */
  private static void write(SqliteStore store, List<Instant> at, int snapshotAfter)
      throws Exception {
    for (int i = 0; i < at.size(); i++) {
      store.appendDurably(entry(at.get(i))).get(10, TimeUnit.SECONDS);
      if (i + 1 == snapshotAfter) {
        store.snapshot().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static List<Instant> aMinuteApart() {
    return LongStream.rangeClosed(1, 10).mapToObj(JournalPruningIT::minute).toList();
  }

  private static List<Long> from(long first) {
    return LongStream.rangeClosed(first, 10).boxed().toList();
  }

  static List<Arguments> cases() {
    List<Instant> jumped = new java.util.ArrayList<>(aMinuteApart());
    jumped.set(3, minute(600)); // entry 4: the wall clock was an hour and more ahead then
    return List.of(
        Arguments.of(
            "entries older than the cutoff and covered by the snapshot go",
            aMinuteApart(),
            8,
            NO_AGENT,
            minute(5).plusSeconds(30),
            from(6)),
        Arguments.of(
            "entries the snapshot does not cover yet stay, and so does the snapshot's own",
            aMinuteApart(),
            8,
            NO_AGENT,
            LONG_AFTER,
            from(8)),
        Arguments.of(
            "entries the sync-agent has not copied stay",
            aMinuteApart(),
            8,
            4L,
            LONG_AFTER,
            from(4)),
        Arguments.of(
            "deleting stops at the first entry not old enough, even if later ones are",
            jumped,
            8,
            NO_AGENT,
            minute(7).plusSeconds(30),
            from(4)),
        Arguments.of(
            "nothing goes before the first snapshot",
            aMinuteApart(),
            0,
            NO_AGENT,
            LONG_AFTER,
            from(1)),
        Arguments.of(
            "the newest entry always stays, so the next seq is still max + 1",
            aMinuteApart(),
            10,
            NO_AGENT,
            LONG_AFTER,
            from(10)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prunes_only_what_may_go(
      String description,
      List<Instant> at,
      int snapshotAfter,
      long belowSeq,
      Instant cutoff,
      List<Long> left)
      throws Exception {
    try (SqliteStore store = open()) {
      write(store, at, snapshotAfter);

      int deleted = store.pruneJournal(belowSeq, cutoff, 1_000).get(10, TimeUnit.SECONDS);

      assertThat(seqs(store)).isEqualTo(left);
      assertThat(deleted).isEqualTo(10 - left.size());
    }
  }

  @Test
  void deletes_at_most_the_limit_in_one_call() throws Exception {
    try (SqliteStore store = open()) {
      write(store, aMinuteApart(), 10);

      assertThat(store.pruneJournal(NO_AGENT, LONG_AFTER, 3).get(10, TimeUnit.SECONDS))
          .isEqualTo(3);
      assertThat(seqs(store)).isEqualTo(from(4));
    }
  }

  @Test
  void after_pruning_seqs_go_on_from_the_newest_and_a_restart_restores_every_space()
      throws Exception {
    SpaceRecord a1 =
        new SpaceRecord("A1", SpaceState.OCCUPIED, minute(1), SpaceState.OCCUPIED, false);
    try (SqliteStore store = open()) {
      store.saveSpace(a1);
      write(store, aMinuteApart(), 10);
      store.pruneJournal(NO_AGENT, LONG_AFTER, 1_000).get(10, TimeUnit.SECONDS);

      assertThat(store.appendDurably(entry(minute(11))).get(10, TimeUnit.SECONDS)).isEqualTo(11);
    }
    try (SqliteStore next = open()) {
      assertThat(next.loadSpaces()).containsEntry("A1", a1);
      assertThat(next.appendDurably(entry(minute(12))).get(10, TimeUnit.SECONDS)).isEqualTo(12);
      assertThat(seqs(next)).containsExactly(10L, 11L, 12L);
    }
  }
}
