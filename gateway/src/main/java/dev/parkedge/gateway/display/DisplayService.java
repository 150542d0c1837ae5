package dev.parkedge.gateway.display;

import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceTable;
import dev.parkedge.gateway.sensing.SpaceListener;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.proto.psp.Eui64;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every display from state: a light above each space in the colour of its state, a count
 * sign with the free spaces of its zones. A display is sent its state promptly when it changes and
 * again every {@code refresh} (spread over the period, so a big lot does not flood its buses).
 * Owned by the domain thread.
 */
public final class DisplayService implements SpaceListener {

  private static final Logger log = LoggerFactory.getLogger(DisplayService.class);

  private final DisplayConfig config;
  private final List<DisplayDriver> drivers;
  private final LongSupplier nanoTime;

  /**
   * Every space of the layout by id, with its state and what its light shows: one table, not one
   * per what is known (a map from each indicator's address to what it shows cost 46 bytes a space).
   */
  private SpaceTable<LitSpace> spaces = SpaceTable.empty();

  private final Map<String, List<CountSign>> signsByZone = new HashMap<>();

  /**
   * How many of each zone's spaces are free and unknown, kept as spaces change: a sign's count is a
   * sum over its zones, not a walk over their spaces at every change (at 1,000 spaces a zone, that
   * walk was half of the domain thread's time in a burst of uplinks).
   */
  private final Map<String, ZoneTally> zones = new HashMap<>();

  private final Map<String, SignReading> signReadings = new LinkedHashMap<>();
  private final Set<DeviceAddress> unreachable = new java.util.HashSet<>();

  /** Every display, in the order they are refreshed: the lights in site-file order, the signs. */
  private List<Display> refreshOrder = List.of();

  private int refreshCursor;
  private long lastRefreshNanos;
  private double refreshCarry;

  public DisplayService(DisplayConfig config, List<DisplayDriver> drivers, LongSupplier nanoTime) {
    this.config = config;
    this.drivers = List.copyOf(drivers);
    this.nanoTime = nanoTime;
    this.lastRefreshNanos = nanoTime.getAsLong();
  }

  /** What one count sign shows now. */
  public record SignReading(String id, List<String> zones, DisplayState.Count count) {}

  /** A display and the state it was last given. Site.yaml gives each display one address. */
  private abstract static class Display {
    DisplayState shown;

    abstract DeviceAddress address();
  }

  /**
   * A space and the state it shows, which its light and its zones' signs follow; the space's light
   * when it has one (an indicator).
   */
  private static final class LitSpace extends Display {
    final Space space;
    SpaceState state;

    LitSpace(Space space, SpaceState state) {
      this.space = space;
      this.state = state;
    }

    @Override
    DeviceAddress address() {
      return space.indicator();
    }
  }

  /** A zone's spaces: how many, how many free, how many unknown. */
  private static final class ZoneTally {
    int total;
    int free;
    int unknown;

    void add(SpaceState state, int n) {
      total += n;
      if (state == SpaceState.FREE) {
        free += n;
      } else if (state == SpaceState.UNKNOWN) {
        unknown += n;
      }
    }
  }

  /** A count sign. */
  private static final class CountSign extends Display {
    final Sign sign;

    CountSign(Sign sign) {
      this.sign = sign;
    }

    @Override
    DeviceAddress address() {
      return sign.device();
    }
  }

  @Override
  public void layoutApplied(SiteLayout layout, Map<String, SpaceState> spaceStates) {
    Map<DeviceAddress, DisplayState> previous = new HashMap<>();
    refreshOrder.forEach(display -> previous.put(display.address(), display.shown));
    List<Display> displays = new ArrayList<>();
    signReadings.clear();
    zones.clear();
    signsByZone.clear();
    List<LitSpace> lits = new ArrayList<>();
    for (Space space : layout.spaces()) {
      LitSpace lit = new LitSpace(space, spaceStates.getOrDefault(space.id(), SpaceState.UNKNOWN));
      lits.add(lit);
      zones.computeIfAbsent(space.zoneId(), z -> new ZoneTally()).add(lit.state, 1);
      if (space.indicator() != null) {
        lit.shown = light(lit.state);
        displays.add(lit);
      }
    }
    spaces = SpaceTable.of(lits, lit -> lit.space.id());
    List<CountSign> signs = new ArrayList<>();
    for (Sign sign : layout.signs()) {
      CountSign countSign = new CountSign(sign);
      signs.add(countSign);
      sign.zones()
          .forEach(z -> signsByZone.computeIfAbsent(z, k -> new ArrayList<>()).add(countSign));
    }
    for (CountSign countSign : signs) {
      Sign sign = countSign.sign;
      DisplayState.Count count = count(sign);
      countSign.shown = count;
      signReadings.put(sign.id(), new SignReading(sign.id(), sign.zones(), count));
      displays.add(countSign);
    }
    refreshOrder = List.copyOf(displays);
    refreshCursor = 0;
    for (Display display : refreshOrder) {
      if (!display.shown.equals(previous.get(display.address()))) {
        send(display.address(), display.shown);
      }
    }
  }

  @Override
  public void spaceChanged(String spaceId, SpaceState from, SpaceState to) {
    LitSpace lit = spaces.get(spaceId);
    if (lit == null) {
      return;
    }
    Space space = lit.space;
    ZoneTally zone = zones.get(space.zoneId());
    zone.add(lit.state, -1);
    zone.add(to, 1);
    lit.state = to;
    if (space.indicator() != null) {
      update(lit, light(to));
    }
    for (CountSign countSign : signsByZone.getOrDefault(space.zoneId(), List.of())) {
      Sign sign = countSign.sign;
      DisplayState.Count count = count(sign);
      signReadings.put(sign.id(), new SignReading(sign.id(), sign.zones(), count));
      update(countSign, count);
    }
  }

  /**
   * Re-sends the next slice of displays, so that each is re-sent once every {@code refresh}. Call
   * it often (every few hundred milliseconds).
   */
  public void refreshTick() {
    long now = nanoTime.getAsLong();
    double due =
        refreshCarry
            + refreshOrder.size() * (double) (now - lastRefreshNanos) / config.refresh().toNanos();
    lastRefreshNanos = now;
    int count = (int) due;
    refreshCarry = due - count;
    for (int i = 0; i < count && !refreshOrder.isEmpty(); i++) {
      Display display = refreshOrder.get(refreshCursor);
      refreshCursor = (refreshCursor + 1) % refreshOrder.size();
      send(display.address(), display.shown);
    }
  }

  /** What each sign shows, in site-file order. */
  public List<SignReading> signs() {
    return List.copyOf(signReadings.values());
  }

  // One light per state, shared by every indicator that shows it (a site has one per space).
  private static final DisplayState.Light GREEN =
      new DisplayState.Light(Color.GREEN, Pattern.SOLID);
  private static final DisplayState.Light RED = new DisplayState.Light(Color.RED, Pattern.SOLID);
  private static final DisplayState.Light BLUE = new DisplayState.Light(Color.BLUE, Pattern.SOLID);
  private static final DisplayState.Light AMBER =
      new DisplayState.Light(Color.AMBER, Pattern.SOLID);
  private static final DisplayState.Light AMBER_BLINKING =
      new DisplayState.Light(Color.AMBER, Pattern.SLOW_BLINK);

  /** The light for a space state. */
  public static DisplayState.Light light(SpaceState state) {
    return switch (state) {
      case FREE -> GREEN;
      case OCCUPIED -> RED;
      case RESERVED -> BLUE;
      case MAINTENANCE -> AMBER;
      case UNKNOWN -> AMBER_BLINKING;
    };
  }

  /**
   * What a sign shows: the free spaces of its zones, green above 0 and red at 0; blank when more
   * than half of its spaces are unknown, because a sign must never claim free spaces the gateway
   * cannot vouch for.
   */
  private DisplayState.Count count(Sign sign) {
    int total = 0;
    int free = 0;
    int unknown = 0;
    for (String zoneId : sign.zones()) {
      ZoneTally zone = zones.get(zoneId);
      if (zone != null) {
        total += zone.total;
        free += zone.free;
        unknown += zone.unknown;
      }
    }
    if (total == 0 || unknown * 2 > total) {
      return new DisplayState.Count(null, sign.arrow(), Color.OFF);
    }
    int shownFree = Math.min(free, 9999);
    return new DisplayState.Count(shownFree, sign.arrow(), shownFree > 0 ? Color.GREEN : Color.RED);
  }

  private void update(Display display, DisplayState state) {
    DisplayState before = display.shown;
    display.shown = state;
    if (!state.equals(before)) {
      send(display.address(), state);
    }
  }

  private void send(DeviceAddress address, DisplayState state) {
    for (DisplayDriver driver : drivers) {
      if (driver.drives(address)) {
        driver.show(address, state);
        return;
      }
    }
    if (unreachable.add(address)) {
      log.warn(
          "display {}: no driver reaches bus {}; check site.yaml and gateway.yaml",
          Eui64.format(address.eui()),
          address.bus());
    }
  }
}
