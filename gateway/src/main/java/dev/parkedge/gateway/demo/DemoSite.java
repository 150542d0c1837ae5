package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteInfo;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.proto.psp.PspMessage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simulated site of the demo: levels of two zones each, every space with a sensor and a light,
 * a count sign per zone and one per level entrance. Device EUIs encode what they are:
 * 70b3d57e-d1LLZSSS for sensors, -d2.. for lights, -d3.. for signs.
 */
final class DemoSite {

  static final String BUS = "demo";

  private DemoSite() {}

  static SiteLayout build(int levels, int spacesPerZone) {
    List<Level> levelList = new ArrayList<>();
    List<Sign> signs = new ArrayList<>();
    for (int l = 1; l <= levels; l++) {
      String levelId = "L" + l;
      List<Zone> zones = new ArrayList<>();
      List<String> zoneIds = new ArrayList<>();
      for (int z = 0; z < 2; z++) {
        String zoneId = levelId + "-" + (char) ('A' + z);
        zoneIds.add(zoneId);
        List<Space> spaces = new ArrayList<>();
        for (int s = 1; s <= spacesPerZone; s++) {
          String id = String.format(Locale.ROOT, "%d%c-%03d", l, (char) ('A' + z), s);
          Set<SpaceKind> kinds =
              s == 1
                  ? Set.of(SpaceKind.ACCESSIBLE)
                  : s % 10 == 0 ? Set.of(SpaceKind.EV) : Set.of(SpaceKind.STANDARD);
          spaces.add(
              new Space(
                  id,
                  levelId,
                  zoneId,
                  kinds,
                  DeviceAddress.psp(sensor(l, z, s), BUS),
                  DeviceAddress.psp(light(l, z, s), BUS)));
        }
        zones.add(new Zone(zoneId, levelId, spaces));
        signs.add(
            new Sign(
                zoneId,
                DeviceAddress.psp(sign(l, z + 1), BUS),
                List.of(zoneId),
                z == 0 ? PspMessage.Arrow.LEFT : PspMessage.Arrow.RIGHT,
                null));
      }
      signs.add(
          new Sign(
              levelId + "-entrance",
              DeviceAddress.psp(sign(l, 0), BUS),
              zoneIds,
              PspMessage.Arrow.UP,
              null));
      levelList.add(new Level(levelId, zones));
    }
    SiteInfo info =
        new SiteInfo(
            "demo",
            "ParkEdge demo garage",
            ZoneId.of("Europe/Berlin"),
            Currency.getInstance("EUR"));
    return new SiteLayout(info, levelList, signs);
  }

  static long sensor(int level, int zone, int space) {
    return 0x70b3d57ed1000000L | (long) level << 16 | (long) zone << 12 | space;
  }

  static long light(int level, int zone, int space) {
    return 0x70b3d57ed2000000L | (long) level << 16 | (long) zone << 12 | space;
  }

  static long sign(int level, int index) {
    return 0x70b3d57ed3000000L | (long) level << 16 | index;
  }

  /** A sensor that is in no site file: the demo's orphan. */
  static final long ORPHAN = 0x70b3d57ed1ff0001L;

  /** The radio bridges that relay some sensors' frames, each heard twice. */
  static final long BRIDGE_1 = 0x70b3d57ed9000001L;

  static final long BRIDGE_2 = 0x70b3d57ed9000002L;
}
