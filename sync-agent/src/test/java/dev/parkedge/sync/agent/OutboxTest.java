package dev.parkedge.sync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.contract.JournalRecord;
import dev.parkedge.sync.wire.Compaction;
import dev.parkedge.sync.wire.EventBatch;
import dev.parkedge.sync.wire.WireEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;

  private static List<JournalRecord> week(int count) {
    List<JournalRecord> records = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      boolean money = seq % 10 == 0;
      records.add(
          new JournalRecord(
              seq,
              money ? "payment.taken" : "space.state",
              money ? "p-" + seq : "A-" + (seq % 5),
              seq * 10_000L, // one every 10 s: 30 per space per 5-minute bucket… spread over 5
              // spaces
              true,
              "boot",
              seq,
              "{\"to\":\"" + (seq % 2 == 0 ? "free" : "occupied") + "\"}"));
    }
    return records;
  }

  @Test
  void compacts_occupancy_over_its_budget_keeps_every_money_record_and_reports_the_skipped_seqs()
      throws Exception {
    try (Outbox outbox =
        Outbox.open(dir.resolve("sync.db"), Map.of(DataClass.OCCUPANCY, 20_000L))) {
      outbox.append(week(2_000));

      List<Compaction> made = outbox.enforceBudgets(1);

      assertThat(made).isNotEmpty();
      assertThat(outbox.bytes().get(DataClass.OCCUPANCY)).isLessThanOrEqualTo(20_000L);
      assertThat(outbox.read(DataClass.MONEY_ACCESS, 0, Long.MAX_VALUE, 10_000)).hasSize(200);
      long dropped = made.stream().mapToLong(Compaction::dropped).sum();
      java.util.Set<Long> covered = new java.util.HashSet<>();
      for (long[] range : outbox.skipped()) {
        for (long seq = range[0]; seq <= range[1]; seq++) {
          covered.add(seq);
        }
      }
      assertThat(covered).as("every dropped seq is reported skipped").hasSize((int) dropped);
      for (Outbox.Row row : outbox.readAll(0, 10_000)) {
        assertThat(covered)
            .as("a row still held is never reported skipped")
            .doesNotContain(row.seq());
      }
      List<Outbox.Row> occupancy = outbox.read(DataClass.OCCUPANCY, 0, Long.MAX_VALUE, 10_000);
      assertThat(occupancy.size() + dropped).isEqualTo(1_800);
      // every space keeps its latest state
      assertThat(occupancy.get(occupancy.size() - 1).seq()).isEqualTo(1_999);
      for (long[] range : outbox.skipped()) {
        for (long seq = range[0]; seq <= range[1]; seq++) {
          assertThat(seq % 10).as("a money seq is never skipped").isNotZero();
        }
      }
    }
  }

  @Test
  void keeps_its_cursor_and_watermark_across_a_reopen_and_deletes_only_what_was_acknowledged()
      throws Exception {
    try (Outbox outbox = Outbox.open(dir.resolve("sync.db"), Map.of())) {
      outbox.append(week(100));
      outbox.acknowledge(40);
    }
    try (Outbox outbox = Outbox.open(dir.resolve("sync.db"), Map.of())) {
      assertThat(outbox.copied()).isEqualTo(100);
      assertThat(outbox.acked()).isEqualTo(40);
      assertThat(outbox.readAll(0, 1000)).extracting(Outbox.Row::seq).first().isEqualTo(41L);
      outbox.append(week(120)); // re-reading entries already copied adds nothing
      assertThat(outbox.readAll(0, 1000)).hasSize(80);
    }
  }

  @Test
  void a_batch_round_trips_compressed_with_its_ids_and_skipped_ranges() throws Exception {
    List<WireEvent> events = new ArrayList<>();
    for (int seq = 1; seq <= 500; seq++) {
      events.add(
          new WireEvent(
              seq,
              "space.state",
              "A-" + seq % 40,
              1_700_000_000_000L + seq,
              seq > 3,
              "b",
              seq,
              "{\"to\":\"free\"}"));
    }
    byte[] payload =
        new EventBatch("s1", "run/1", events, List.of(new long[] {600, 700}), List.of()).encode();

    assertThat(payload[0] & 0xff).isEqualTo(0x1f); // gzip
    assertThat(payload.length / 500.0).isLessThan(30);
    EventBatch back = EventBatch.decode(payload);
    assertThat(back.events()).isEqualTo(events);
    assertThat(back.skipped().get(0)).containsExactly(600, 700);
  }
}
