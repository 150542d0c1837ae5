package dev.parkedge.gateway.display;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.RecordingDisplayDriver;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the lights and signs of the one-zone test site are told, and when. */
class DisplayServiceTest {

  private static final String LIGHT_1 = "70b3d57ed0002001";
  private static final String LIGHT_2 = "70b3d57ed0002002";
  private static final String SIGN = "70b3d57ed0003001";

  private final FakeTime time = new FakeTime();
  private final RecordingDisplayDriver driver = new RecordingDisplayDriver();
  private final DisplayService displays =
      new DisplayService(new DisplayConfig(Duration.ofSeconds(30)), List.of(driver), time);

  @Test
  void a_layout_lights_every_space_in_site_file_order_then_its_signs() {
    displays.layoutApplied(
        TestSites.oneZone(2), Map.of("A-001", SpaceState.FREE, "A-002", SpaceState.OCCUPIED));

    assertThat(driver.commands)
        .containsExactly(
            LIGHT_1 + " green solid", LIGHT_2 + " red solid", SIGN + " sign 1 left green");
  }

  @Test
  void a_change_tells_the_space_light_and_its_zone_signs() {
    displays.layoutApplied(TestSites.oneZone(2), Map.of("A-001", SpaceState.FREE));
    driver.clear();

    displays.spaceChanged("A-002", SpaceState.UNKNOWN, SpaceState.FREE);

    assertThat(driver.commands)
        .containsExactly(LIGHT_2 + " green solid", SIGN + " sign 2 left green");
  }

  @Test
  void a_state_shown_already_is_not_sent_again_until_the_refresh() {
    displays.layoutApplied(TestSites.oneZone(2), Map.of("A-001", SpaceState.FREE));
    driver.clear();

    displays.spaceChanged("A-001", SpaceState.FREE, SpaceState.FREE);

    assertThat(driver.commands).isEmpty();
  }

  @Test
  void a_reload_sends_only_the_displays_whose_state_it_changed() {
    displays.layoutApplied(TestSites.oneZone(1), Map.of("A-001", SpaceState.FREE));
    driver.clear();

    displays.layoutApplied(
        TestSites.oneZone(2), Map.of("A-001", SpaceState.FREE, "A-002", SpaceState.FREE));

    assertThat(driver.commands)
        .containsExactly(LIGHT_2 + " green solid", SIGN + " sign 2 left green");
  }

  @Test
  void the_refresh_resends_every_display_once_a_period_in_the_same_order() {
    displays.layoutApplied(
        TestSites.oneZone(2), Map.of("A-001", SpaceState.FREE, "A-002", SpaceState.OCCUPIED));
    driver.clear();

    for (int i = 0; i < 4; i++) {
      time.advance(Duration.ofSeconds(10));
      displays.refreshTick();
    }

    assertThat(driver.commands)
        .containsExactly(
            LIGHT_1 + " green solid",
            LIGHT_2 + " red solid",
            SIGN + " sign 1 left green",
            LIGHT_1 + " green solid");
  }

  @Test
  void every_sign_counts_the_free_spaces_of_its_zones_after_every_change_and_reload() {
    // two zones of 6 and 4 spaces; a sign on each and one on both
    SiteLayout site = twoZones(6, 4);
    Map<String, SpaceState> states = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    SpaceState[] all = SpaceState.values();
    displays.layoutApplied(site, states);

    for (int change = 0; change < 2_000; change++) {
      Space space = site.spaces().get(random.nextInt(site.spaces().size()));
      SpaceState from = states.getOrDefault(space.id(), SpaceState.UNKNOWN);
      SpaceState to = all[random.nextInt(all.length)];
      states.put(space.id(), to);
      displays.spaceChanged(space.id(), from, to);
      if (change % 500 == 499) {
        displays.layoutApplied(site, states);
      }

      assertThat(displays.signs())
          .as("after change %d", change)
          .allSatisfy(
              reading ->
                  assertThat(reading.count()).isEqualTo(recount(site, reading.zones(), states)));
    }
  }

  /** What a sign over these zones must show, counted afresh from every space's state. */
  private static DisplayState.Count recount(
      SiteLayout site, List<String> zones, Map<String, SpaceState> states) {
    int total = 0;
    int free = 0;
    int unknown = 0;
    for (Space space : site.spaces()) {
      if (zones.contains(space.zoneId())) {
        SpaceState state = states.getOrDefault(space.id(), SpaceState.UNKNOWN);
        total++;
        free += state == SpaceState.FREE ? 1 : 0;
        unknown += state == SpaceState.UNKNOWN ? 1 : 0;
      }
    }
    if (unknown * 2 > total) {
      return new DisplayState.Count(null, PspMessage.Arrow.LEFT, PspMessage.Color.OFF);
    }
    return new DisplayState.Count(
        free, PspMessage.Arrow.LEFT, free > 0 ? PspMessage.Color.GREEN : PspMessage.Color.RED);
  }

  private static SiteLayout twoZones(int inA, int inB) {
    List<Space> a = new ArrayList<>();
    List<Space> b = new ArrayList<>();
    for (int i = 1; i <= inA + inB; i++) {
      String zone = i <= inA ? "L1-A" : "L1-B";
      Space space = TestSites.space(String.format(Locale.ROOT, "S-%03d", i), "L1", zone, i);
      (i <= inA ? a : b).add(space);
    }
    return new SiteLayout(
        TestSites.info(),
        List.of(new Level("L1", List.of(new Zone("L1-A", "L1", a), new Zone("L1-B", "L1", b)))),
        List.of(
            sign("A", 1, List.of("L1-A")),
            sign("B", 2, List.of("L1-B")),
            sign("both", 3, List.of("L1-A", "L1-B"))));
  }

  private static Sign sign(String id, int n, List<String> zones) {
    return new Sign(
        id,
        DeviceAddress.psp(TestSites.SIGN + 0x100 + n, TestSites.BUS),
        zones,
        PspMessage.Arrow.LEFT,
        null);
  }
}
