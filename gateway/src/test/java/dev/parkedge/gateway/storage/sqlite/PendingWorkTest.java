package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingWorkTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Duration AT_ONCE = Duration.ofNanos(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private static SpaceRecord space(String id, SpaceState state) {
    return new SpaceRecord(id, state, T0, state, false);
  }

  private static DeviceRecord device(long eui) {
    return new DeviceRecord(eui, "bus1", null, null, 0, 0, 0, null, null, null, null, null);
  }

  private static PendingWork.Append append(String subject) {
    return new PendingWork.Append(Fixtures.entry(subject), "{}", null);
  }

  @Test
  void keeps_only_the_latest_save_of_each_space() throws Exception {
    PendingWork pending = new PendingWork(10, AT_ONCE);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(space("A1", SpaceState.OCCUPIED));

    PendingWork.Batch batch = pending.take(0);

    assertThat(batch.spaces()).containsOnlyKeys("A1");
    assertThat(batch.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void over_the_limit_drops_the_oldest_device_saves_never_space_saves_or_entries() {
    PendingWork pending = new PendingWork(5, HOUR);
    pending.add(device(1));
    pending.add(device(2));
    pending.add(space("A1", SpaceState.FREE));
    pending.add(space("A2", SpaceState.FREE));
    pending.add(append("e1"));
    pending.add(append("e2")); // 6 > 5: device 1 goes
    pending.add(append("e3")); // device 2 goes
    for (int i = 4; i <= 8; i++) {
      pending.add(append("e" + i)); // entries and space saves pile up past the limit
    }

    PendingWork.Batch batch = pending.drain();

    assertThat(batch.devices()).isEmpty();
    assertThat(batch.spaces()).containsOnlyKeys("A1", "A2");
    assertThat(batch.appends()).hasSize(8);
    assertThat(pending.droppedStateSaves()).isEqualTo(2);
  }

  @Test
  void holds_space_saves_out_of_ordinary_batches_until_the_snapshot() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(append("e1"));

    PendingWork.Batch ordinary = pending.take(0);

    assertThat(ordinary.snapshot()).isFalse();
    assertThat(ordinary.appends()).hasSize(1);
    assertThat(ordinary.spaces()).isEmpty();
    assertThat(pending.heldSpaces()).isEqualTo(1);
  }

  @Test
  void device_saves_are_written_with_the_next_batch_not_held_for_the_snapshot() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(device(1));
    pending.add(device(1));
    pending.add(device(2));

    PendingWork.Batch ordinary = pending.take(0);

    assertThat(ordinary.snapshot()).isFalse();
    assertThat(ordinary.devices()).containsOnlyKeys(1L, 2L);
    assertThat(ordinary.spaces()).isEmpty();
    assertThat(pending.heldSpaces()).isEqualTo(1);
  }

  @Test
  void device_saves_alone_wait_out_the_commit_delay_like_entries() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(device(1));
    long delay = Duration.ofMillis(200).toNanos();
    long started = System.nanoTime();

    PendingWork.Batch batch = pending.take(delay);

    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(delay);
    assertThat(batch.devices()).containsOnlyKeys(1L);
  }

  @Test
  void slices_of_space_saves_are_written_with_the_next_batch_as_part_of_no_snapshot()
      throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSpaces(List.of(space("A1", SpaceState.FREE), space("A2", SpaceState.FREE)));
    pending.addSpaces(List.of(space("A1", SpaceState.OCCUPIED)));

    PendingWork.Batch ordinary = pending.take(0);

    assertThat(ordinary.snapshot()).isFalse();
    assertThat(ordinary.spaces().keySet()).containsExactly("A2", "A1");
    assertThat(ordinary.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
    assertThat(pending.heldSpaces()).isZero();
  }

  @Test
  void a_slice_waits_out_the_commit_delay_like_entries() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSpaces(List.of(space("A1", SpaceState.FREE)));
    long delay = Duration.ofMillis(200).toNanos();
    long started = System.nanoTime();

    PendingWork.Batch batch = pending.take(delay);

    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(delay);
    assertThat(batch.spaces()).containsOnlyKeys("A1");
  }

  @Test
  void a_snapshot_taken_with_a_slice_writes_both_and_the_snapshot_save_wins() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSpaces(List.of(space("A1", SpaceState.FREE), space("A2", SpaceState.FREE)));
    pending.add(append("e1"));
    pending.addSnapshot(List.of(space("A1", SpaceState.OCCUPIED)));

    PendingWork.Batch snapshot = pending.take(Long.MAX_VALUE / 2);

    assertThat(snapshot.snapshot()).isTrue();
    assertThat(snapshot.covered()).isEqualTo(1);
    assertThat(snapshot.spaces()).containsOnlyKeys("A1", "A2");
    assertThat(snapshot.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void a_failed_slice_is_retried_with_the_next_batch_and_a_newer_snapshot_save_still_wins()
      throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSpaces(List.of(space("A1", SpaceState.FREE), space("A2", SpaceState.FREE)));
    PendingWork.Batch failed = pending.take(0);
    pending.addSnapshot(List.of(space("A1", SpaceState.OCCUPIED)));

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(Long.MAX_VALUE / 2);

    assertThat(retry.snapshot()).isTrue();
    assertThat(retry.spaces()).containsOnlyKeys("A1", "A2");
    assertThat(retry.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void a_failed_slice_goes_out_with_the_next_ordinary_batch_not_one_interval_later()
      throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSpaces(List.of(space("A1", SpaceState.FREE)));
    PendingWork.Batch failed = pending.take(0);

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(0);

    assertThat(retry.snapshot()).isFalse();
    assertThat(retry.spaces()).containsOnlyKeys("A1");
  }

  @Test
  void over_the_limit_never_drops_a_slice() {
    PendingWork pending = new PendingWork(2, HOUR);
    pending.add(device(1));
    pending.addSpaces(List.of(space("A1", SpaceState.FREE), space("A2", SpaceState.FREE)));

    PendingWork.Batch batch = pending.drain();

    assertThat(batch.spaces()).containsOnlyKeys("A1", "A2");
    assertThat(batch.devices()).isEmpty();
    assertThat(pending.droppedStateSaves()).isEqualTo(1);
  }

  @Test
  void a_requested_snapshot_is_taken_at_once_with_every_held_save() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(device(1));
    CompletableFuture<Long> done = new CompletableFuture<>();
    pending.requestSnapshot(done);

    PendingWork.Batch snapshot = pending.take(Long.MAX_VALUE / 2);

    assertThat(snapshot.snapshot()).isTrue();
    assertThat(snapshot.spaces()).containsOnlyKeys("A1");
    assertThat(snapshot.devices()).containsOnlyKeys(1L);
    assertThat(snapshot.snapshotDone()).containsExactly(done);
    assertThat(pending.heldSpaces()).isZero();
  }

  @Test
  void without_a_hand_over_a_snapshot_covers_every_entry_in_it() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(append("e1"));
    pending.add(append("e2"));
    pending.requestSnapshot(null);

    PendingWork.Batch snapshot = pending.take(Long.MAX_VALUE / 2);

    assertThat(snapshot.covered()).isEqualTo(2);
  }

  @Test
  void a_hand_over_snapshot_covers_the_entries_appended_before_it_not_those_after()
      throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(append("e1"));
    pending.add(append("e2"));
    pending.addSnapshot(List.of(space("A1", SpaceState.OCCUPIED)));
    pending.add(append("e3"));

    PendingWork.Batch snapshot = pending.take(Long.MAX_VALUE / 2);

    assertThat(snapshot.snapshot()).isTrue();
    assertThat(snapshot.appends()).hasSize(3);
    assertThat(snapshot.covered()).isEqualTo(2);
    assertThat(snapshot.spaces()).containsOnlyKeys("A1");
  }

  @Test
  void after_a_hand_over_a_snapshot_without_one_covers_nothing_new() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.addSnapshot(List.of());
    pending.take(Long.MAX_VALUE / 2);
    pending.add(append("e1"));
    pending.requestSnapshot(null);

    PendingWork.Batch snapshot = pending.take(Long.MAX_VALUE / 2);

    assertThat(snapshot.covered()).isZero();
  }

  @Test
  void a_failed_batch_taken_before_a_hand_over_is_covered_when_retried() throws Exception {
    PendingWork pending = new PendingWork(100, AT_ONCE);
    pending.addSnapshot(List.of());
    pending.take(0);
    pending.add(append("e1"));
    PendingWork.Batch failed = pending.take(0);
    pending.add(append("e2"));
    pending.addSnapshot(List.of(space("A1", SpaceState.FREE)));
    pending.add(append("e3"));

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(0);

    assertThat(retry.snapshot()).isTrue();
    assertThat(retry.appends())
        .extracting(a -> a.entry().subject())
        .containsExactly("e1", "e2", "e3");
    assertThat(retry.covered()).isEqualTo(2);
  }

  @Test
  void a_failed_hand_over_snapshot_is_retried_covering_none_of_its_entries() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(append("e1"));
    pending.addSnapshot(List.of(space("A1", SpaceState.FREE)));
    PendingWork.Batch failed = pending.take(Long.MAX_VALUE / 2);
    assertThat(failed.covered()).isEqualTo(1);

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(Long.MAX_VALUE / 2);

    assertThat(retry.snapshot()).isTrue();
    assertThat(retry.spaces()).containsOnlyKeys("A1");
    assertThat(retry.covered()).isZero(); // fewer than it could: restore replays e1
  }

  @Test
  void a_failed_snapshot_is_retried_as_a_snapshot_without_waiting_an_interval() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(space("A1", SpaceState.FREE));
    pending.requestSnapshot(null);
    PendingWork.Batch failed = pending.take(0);
    pending.add(space("A1", SpaceState.OCCUPIED));

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(Long.MAX_VALUE / 2);

    assertThat(retry.snapshot()).isTrue();
    assertThat(retry.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void a_failed_batch_goes_back_ahead_of_newer_work_and_newer_saves_win() throws Exception {
    PendingWork pending = new PendingWork(100, AT_ONCE);
    pending.add(append("e1"));
    pending.add(space("A1", SpaceState.FREE));
    pending.add(space("A2", SpaceState.FREE));
    PendingWork.Batch failed = pending.take(0);
    pending.add(append("e2"));
    pending.add(space("A1", SpaceState.OCCUPIED));

    pending.requeue(failed, failed.appends());
    PendingWork.Batch retry = pending.take(0);

    assertThat(retry.appends()).extracting(a -> a.entry().subject()).containsExactly("e1", "e2");
    assertThat(retry.spaces().keySet()).containsExactly("A2", "A1");
    assertThat(retry.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void a_durable_append_is_taken_at_once_without_waiting_for_the_commit_delay() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(new PendingWork.Append(Fixtures.entry("e1"), "{}", new CompletableFuture<>()));

    PendingWork.Batch batch = pending.take(Long.MAX_VALUE / 2);

    assertThat(batch.appends()).hasSize(1);
  }

  @Test
  void counts_the_batch_in_flight_as_pending_until_it_is_committed() throws Exception {
    PendingWork pending = new PendingWork(100, HOUR);
    pending.add(append("e1"));
    pending.take(0);
    assertThat(pending.pendingCount()).isEqualTo(1);

    pending.committed();

    assertThat(pending.pendingCount()).isZero();
    assertThat(List.of(pending.closing())).containsExactly(false);
  }
}
