package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingWorkTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

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
    PendingWork pending = new PendingWork(10);
    pending.add(space("A1", SpaceState.FREE));
    pending.add(space("A1", SpaceState.OCCUPIED));

    PendingWork.Batch batch = pending.take(0);

    assertThat(batch.spaces()).containsOnlyKeys("A1");
    assertThat(batch.spaces().get("A1").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void over_the_limit_drops_device_saves_first_then_the_oldest_space_saves_never_entries() {
    PendingWork pending = new PendingWork(5);
    pending.add(device(1));
    pending.add(space("A1", SpaceState.FREE));
    pending.add(space("A2", SpaceState.FREE));
    pending.add(append("e1"));
    pending.add(append("e2"));
    pending.add(append("e3")); // 6 > 5: the device save goes
    pending.add(append("e4")); // the oldest space save, A1, goes
    for (int i = 5; i <= 8; i++) {
      pending.add(append("e" + i)); // A2 goes, then entries pile up past the limit
    }

    PendingWork.Batch batch = pending.drain();

    assertThat(batch.devices()).isEmpty();
    assertThat(batch.spaces()).isEmpty();
    assertThat(batch.appends()).hasSize(8);
    assertThat(pending.droppedStateSaves()).isEqualTo(3);
  }

  @Test
  void a_failed_batch_goes_back_ahead_of_newer_work_and_newer_saves_win() throws Exception {
    PendingWork pending = new PendingWork(100);
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
    PendingWork pending = new PendingWork(100);
    pending.add(new PendingWork.Append(Fixtures.entry("e1"), "{}", new CompletableFuture<>()));

    PendingWork.Batch batch = pending.take(Long.MAX_VALUE / 2);

    assertThat(batch.appends()).hasSize(1);
  }

  @Test
  void counts_the_batch_in_flight_as_pending_until_it_is_committed() throws Exception {
    PendingWork pending = new PendingWork(100);
    pending.add(append("e1"));
    pending.take(0);
    assertThat(pending.pendingCount()).isEqualTo(1);

    pending.committed();

    assertThat(pending.pendingCount()).isZero();
    assertThat(List.of(pending.closing())).containsExactly(false);
  }
}
