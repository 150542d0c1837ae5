package dev.parkedge.gateway.testing;

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
import java.util.Set;

/** Site layouts for tests, built in code. */
public final class TestSites {

  public static final String BUS = "bus1";
  public static final long SENSOR_BASE = 0x70b3d57ed0001000L;
  public static final long INDICATOR_BASE = 0x70b3d57ed0002000L;
  public static final long SIGN = 0x70b3d57ed0003001L;

  private TestSites() {}

  /** One level, one zone L1-A with spaces A-001.. each with sensor and indicator, one sign. */
  public static SiteLayout oneZone(int spaces) {
    List<Space> list = new ArrayList<>();
    for (int i = 1; i <= spaces; i++) {
      list.add(space(String.format(java.util.Locale.ROOT, "A-%03d", i), "L1", "L1-A", i));
    }
    return new SiteLayout(
        info(),
        List.of(new Level("L1", List.of(new Zone("L1-A", "L1", list)))),
        List.of(
            new Sign(
                "L1-entrance",
                DeviceAddress.psp(SIGN, BUS),
                List.of("L1-A"),
                PspMessage.Arrow.LEFT,
                null)));
  }

  public static Space space(String id, String level, String zone, int n) {
    return new Space(
        id,
        level,
        zone,
        Set.of(SpaceKind.STANDARD),
        DeviceAddress.psp(SENSOR_BASE + n, BUS),
        DeviceAddress.psp(INDICATOR_BASE + n, BUS));
  }

  public static SiteInfo info() {
    return new SiteInfo("hq", "HQ Garage", ZoneId.of("Europe/Berlin"), Currency.getInstance("EUR"));
  }
}
