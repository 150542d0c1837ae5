package dev.parkedge.gateway.display;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.testing.FakeTime;
import dev.parkedge.gateway.testing.RecordingDisplayDriver;
import dev.parkedge.gateway.testing.TestSites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
