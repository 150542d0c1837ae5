package dev.parkedge.gateway.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sensing hands the spaces that changed to the store at once, not a save per change. */
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
}
