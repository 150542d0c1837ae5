package dev.parkedge.gateway.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sensing hands the spaces that changed to the store, not a save per change: once per interval in
 * slices ending with a snapshot, and at stop all at once.
 */
class SpaceHandOverTest {

  private final LotUnderTest lot =
      new LotUnderTest(TestSites.oneZone(4), Duration.ZERO, Duration.ofHours(4));

  @Test
  void a_change_is_marked_and_reaches_the_store_only_with_the_hand_over() {
    lot.sensor(1, PspMessage.SpaceState.OCCUPIED);
    lot.sensor(2, PspMessage.SpaceState.FREE);
    assertThat(lot.store.spaces).isEmpty();

    lot.sensing.snapshotSpaces();

    assertThat(lot.store.spaces).containsOnlyKeys("A-001", "A-002");
    assertThat(lot.store.spaces.get("A-001").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void each_changed_space_is_handed_over_once() {
    lot.sensor(1, PspMessage.SpaceState.OCCUPIED);
    lot.sensing.snapshotSpaces();
    lot.store.spaces.clear();

    lot.sensing.snapshotSpaces();
    assertThat(lot.store.spaces).isEmpty();

    lot.sensor(1, PspMessage.SpaceState.FREE);
    lot.sensing.snapshotSpaces();
    assertThat(lot.store.spaces.get("A-001").state()).isEqualTo(SpaceState.FREE);
  }

  @Test
  void a_space_a_reload_removed_after_it_changed_is_still_handed_over() {
    lot.sensor(3, PspMessage.SpaceState.OCCUPIED);

    lot.sensing.applyLayout(TestSites.oneZone(2), List.of("removed A-003", "removed A-004"));
    lot.sensing.snapshotSpaces();

    assertThat(lot.store.spaces).containsOnlyKeys("A-003");
    assertThat(lot.store.spaces.get("A-003").state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void maintenance_is_handed_over_like_a_sensed_change() {
    lot.sensor(2, PspMessage.SpaceState.FREE);
    lot.sensing.snapshotSpaces();

    lot.sensing.setMaintenance("A-002", true);
    lot.sensing.snapshotSpaces();

    assertThat(lot.store.spaces.get("A-002").maintenance()).isTrue();
    assertThat(lot.store.spaces.get("A-002").state()).isEqualTo(SpaceState.MAINTENANCE);
  }

  @Test
  void
      a_pass_hands_changed_spaces_over_in_slices_and_ends_with_a_snapshot_of_those_changed_since() {
    for (int i = 1; i <= 4; i++) {
      lot.sensor(i, PspMessage.SpaceState.OCCUPIED);
    }

    lot.sensing.startSnapshot();
    boolean afterFirst = lot.sensing.snapshotSlice(2);
    lot.sensor(1, PspMessage.SpaceState.FREE); // after its slice: the snapshot takes it again
    boolean afterSecond = lot.sensing.snapshotSlice(2);

    assertThat(afterFirst).isTrue();
    assertThat(afterSecond).as("the pass is over").isFalse();
    assertThat(lot.store.handOvers)
        .containsExactly("slice A-001 A-002", "slice A-003 A-004", "snapshot A-001");
    assertThat(lot.store.spaces.get("A-001").state()).isEqualTo(SpaceState.FREE);
    assertThat(lot.sensing.snapshotSlice(2)).as("between passes").isFalse();
    assertThat(lot.store.handOvers).hasSize(3);
  }

  @Test
  void a_pass_whose_slices_handed_spaces_over_records_a_snapshot_even_if_none_changed_since() {
    lot.sensor(2, PspMessage.SpaceState.OCCUPIED);

    lot.sensing.startSnapshot();
    lot.sensing.snapshotSlice(10);

    assertThat(lot.store.handOvers).containsExactly("slice A-002", "snapshot");
  }

  @Test
  void a_pass_over_a_quiet_site_hands_nothing_over() {
    lot.sensor(2, PspMessage.SpaceState.OCCUPIED);
    lot.sensing.snapshotSpaces();
    lot.store.handOvers.clear();

    lot.sensing.startSnapshot();
    boolean goesOn = lot.sensing.snapshotSlice(10);

    assertThat(goesOn).isFalse();
    assertThat(lot.store.handOvers).isEmpty();
  }

  @Test
  void a_space_a_reload_removed_during_a_pass_reaches_its_snapshot() {
    lot.sensor(1, PspMessage.SpaceState.OCCUPIED);
    lot.sensor(4, PspMessage.SpaceState.OCCUPIED);
    lot.sensing.startSnapshot();
    lot.sensing.snapshotSlice(1);

    lot.sensing.applyLayout(TestSites.oneZone(2), List.of("removed A-003", "removed A-004"));
    lot.sensing.snapshotSlice(1);

    assertThat(lot.store.handOvers).containsExactly("slice A-001", "snapshot A-004");
  }

  @Test
  void stopping_during_a_pass_hands_the_rest_over_at_once_and_ends_the_pass() {
    for (int i = 1; i <= 3; i++) {
      lot.sensor(i, PspMessage.SpaceState.OCCUPIED);
    }
    lot.sensing.startSnapshot();
    lot.sensing.snapshotSlice(1);

    lot.sensing.snapshotSpaces();

    assertThat(lot.store.handOvers).containsExactly("slice A-001", "snapshot A-002 A-003");
    assertThat(lot.sensing.snapshotSlice(1)).isFalse();
  }
}
