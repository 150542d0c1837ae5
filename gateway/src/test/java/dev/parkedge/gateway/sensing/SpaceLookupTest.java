package dev.parkedge.gateway.sensing;

import static dev.parkedge.proto.psp.PspMessage.SpaceState.FREE;
import static dev.parkedge.proto.psp.PspMessage.SpaceState.OCCUPIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spaces are found by id and listed in site-file order, whatever order their ids sort in, and a
 * reload's order, kept states and removed spaces hold for sensing and the lights alike.
 */
class SpaceLookupTest {

  /** File order C-9, A-1, B-5: neither sorted nor reversed; sensor and light n are the n-th. */
  private final LotUnderTest lot =
      new LotUnderTest(layout("C-9", "A-1", "B-5"), Duration.ZERO, Duration.ofHours(4));

  @Test
  void lists_spaces_in_site_file_order_whatever_their_ids() {
    assertThat(ids()).containsExactly("C-9", "A-1", "B-5");
  }

  @Test
  void a_sensor_frame_reaches_its_space_and_light_and_no_other() {
    lot.sensor(2, OCCUPIED);

    assertThat(lot.state("A-1")).isEqualTo(SpaceState.OCCUPIED);
    assertThat(lot.state("C-9")).isEqualTo(SpaceState.UNKNOWN);
    assertThat(lot.state("B-5")).isEqualTo(SpaceState.UNKNOWN);
    assertThat(lot.indicator(2)).isEqualTo("red solid");
    assertThat(lot.indicator(1)).isEqualTo("amber slow_blink");
    assertThat(lot.sensing.space("A-1").orElseThrow().state()).isEqualTo(SpaceState.OCCUPIED);
  }

  @Test
  void a_reload_lists_the_new_order_keeps_known_states_and_forgets_removed_spaces() {
    lot.sensor(1, FREE);
    lot.sensor(2, OCCUPIED);

    lot.sensing.applyLayout(layout("B-5", "D-7", "C-9"), List.of("reordered"));
    lot.sensor(4, OCCUPIED);

    assertThat(ids()).containsExactly("B-5", "D-7", "C-9");
    assertThat(lot.state("C-9")).isEqualTo(SpaceState.FREE);
    assertThat(lot.state("D-7")).isEqualTo(SpaceState.OCCUPIED);
    assertThat(lot.indicator(4)).isEqualTo("red solid");
    assertThat(lot.state("A-1")).isEqualTo(SpaceState.UNKNOWN);
    assertThat(lot.sensing.space("A-1")).isEmpty();
  }

  @Test
  void an_unknown_space_is_refused_by_name_for_maintenance_and_ignored_for_a_hold() {
    lot.sensing.setHeld("Z-1", true);

    assertThatThrownBy(() -> lot.sensing.setMaintenance("Z-1", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no space \"Z-1\"");
    assertThat(lot.sensing.space("Z-1")).isEmpty();
    assertThat(lot.state("Z-1")).isEqualTo(SpaceState.UNKNOWN);
  }

  @Test
  void maintenance_and_a_hold_reach_the_space_named() {
    lot.sensor(3, FREE);

    lot.sensing.setHeld("B-5", true);
    lot.sensing.setMaintenance("C-9", true);

    assertThat(lot.state("B-5")).isEqualTo(SpaceState.RESERVED);
    assertThat(lot.indicator(3)).isEqualTo("blue solid");
    assertThat(lot.state("C-9")).isEqualTo(SpaceState.MAINTENANCE);
    assertThat(lot.indicator(1)).isEqualTo("amber solid");
  }

  private List<String> ids() {
    return lot.sensing.spaces().stream().map(SpaceSnapshot::id).toList();
  }

  /** One zone of these spaces, named by their place in {@code C-9, A-1, B-5, D-7} (sensor n). */
  private static SiteLayout layout(String... ids) {
    List<String> numbering = List.of("C-9", "A-1", "B-5", "D-7");
    List<Space> spaces = new ArrayList<>();
    for (String id : ids) {
      spaces.add(TestSites.space(id, "L1", "L1-A", numbering.indexOf(id) + 1));
    }
    return new SiteLayout(
        TestSites.info(),
        List.of(new Level("L1", List.of(new Zone("L1-A", "L1", spaces)))),
        TestSites.oneZone(0).signs());
  }
}
