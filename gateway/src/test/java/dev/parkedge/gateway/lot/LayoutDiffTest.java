package dev.parkedge.gateway.lot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.proto.psp.PspMessage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayoutDiffTest {

  private static final SiteInfo HQ =
      new SiteInfo("hq", "HQ Garage", ZoneId.of("Europe/Berlin"), Currency.getInstance("EUR"));
  private static final Space A001 = space("A-001", "L1-A", 0x70b3d57ed0001001L, SpaceKind.STANDARD);
  private static final Space A002 = space("A-002", "L1-A", 0x70b3d57ed0001002L, SpaceKind.EV);
  private static final Sign ENTRANCE =
      new Sign(
          "L1-entrance",
          DeviceAddress.psp(0x70b3d57ed0003001L, "bus1"),
          List.of("L1-A"),
          PspMessage.Arrow.LEFT,
          null);

  static Stream<Arguments> changes_between_two_layouts() {
    return Stream.of(
        Arguments.of("no change", layout(List.of(A001, A002), ENTRANCE), List.of()),
        Arguments.of(
            "a space added",
            layout(List.of(A001, A002, space("A-003", "L1-A", 0x70b3d57ed0001003L)), ENTRANCE),
            List.of("added space A-003 (L1/L1-A)")),
        Arguments.of(
            "a space removed",
            layout(List.of(A001), ENTRANCE),
            List.of("removed space A-002 (L1/L1-A)")),
        Arguments.of(
            "a space renamed, keeping its sensor",
            layout(List.of(rename(A001, "A-101"), A002), ENTRANCE),
            List.of("renamed space A-001 -> A-101 (same sensor 70b3d57ed0001001)")),
        Arguments.of(
            "a space re-paired to a new sensor",
            layout(List.of(space("A-001", "L1-A", 0x70b3d57ed0001009L), A002), ENTRANCE),
            List.of("re-paired space A-001: sensor 70b3d57ed0001001 -> 70b3d57ed0001009")),
        Arguments.of(
            "kinds changed and a space moved",
            layout(
                List.of(A001, space("A-002", "L1-B", 0x70b3d57ed0001002L, SpaceKind.ACCESSIBLE)),
                ENTRANCE),
            List.of(
                "changed kinds of space A-002: [ev] -> [accessible]",
                "moved space A-002: L1/L1-A -> L1/L1-B")),
        Arguments.of(
            "a sign turned its arrow",
            layout(
                List.of(A001, A002),
                new Sign(
                    ENTRANCE.id(),
                    ENTRANCE.device(),
                    ENTRANCE.zones(),
                    PspMessage.Arrow.RIGHT,
                    null)),
            List.of("changed sign L1-entrance: arrow left -> right")),
        Arguments.of(
            "a sign removed",
            layout(List.of(A001, A002), null),
            List.of("removed sign L1-entrance")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void changes_between_two_layouts(String name, SiteLayout after, List<String> changes) {
    SiteLayout before = layout(List.of(A001, A002), ENTRANCE);

    LayoutDiff diff = LayoutDiff.between(before, after);

    assertThat(diff.changes()).containsExactlyElementsOf(changes);
    assertThat(diff.isEmpty()).isEqualTo(changes.isEmpty());
  }

  private static SiteLayout layout(List<Space> spaces, Sign sign) {
    List<Zone> zones = new ArrayList<>();
    for (String zone : List.of("L1-A", "L1-B")) {
      zones.add(
          new Zone(zone, "L1", spaces.stream().filter(s -> s.zoneId().equals(zone)).toList()));
    }
    return new SiteLayout(
        HQ, List.of(new Level("L1", zones)), sign == null ? List.of() : List.of(sign));
  }

  private static Space space(String id, String zone, long sensor, SpaceKind... kinds) {
    return new Space(
        id,
        "L1",
        zone,
        kinds.length == 0 ? Set.of(SpaceKind.STANDARD) : Set.of(kinds),
        DeviceAddress.psp(sensor, "bus1"),
        null);
  }

  private static Space rename(Space space, String id) {
    return new Space(
        id, space.levelId(), space.zoneId(), space.kinds(), space.sensor(), space.indicator());
  }
}
