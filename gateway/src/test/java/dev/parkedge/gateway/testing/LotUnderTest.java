package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.devices.DeviceRegistry;
import dev.parkedge.gateway.devices.HealthPolicy;
import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.sensing.SensingService;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain of a lot (sensing, devices, displays) wired with fakes and fake time, driven by the
 * test on one thread exactly as the domain thread drives it in the daemon.
 */
public final class LotUnderTest {

  public final FakeTime time = new FakeTime();
  public final InMemoryStore store;
  public final RecordingDisplayDriver displays = new RecordingDisplayDriver();
  public final DeviceRegistry devices;
  public final DisplayService display;
  public final SensingService sensing;
  private final Map<Long, Integer> seqs = new HashMap<>();

  public LotUnderTest(SiteLayout layout, Duration debounce, Duration staleAfter) {
    this(layout, debounce, staleAfter, new InMemoryStore());
  }

  public LotUnderTest(
      SiteLayout layout, Duration debounce, Duration staleAfter, InMemoryStore store) {
    this.store = store;
    devices = new DeviceRegistry(HealthPolicy.withStaleAfter(staleAfter), time, time);
    devices.restore(store.loadDevices());
    display =
        new DisplayService(new DisplayConfig(Duration.ofSeconds(60)), List.of(displays), time);
    sensing =
        new SensingService(
            new SensingConfig(debounce, staleAfter),
            time,
            time,
            () -> true,
            store,
            store,
            devices,
            display);
    sensing.start(layout, store.loadSpaces());
  }

  /** The n-th test sensor reports a state (seq counts up per sensor). */
  public void sensor(int n, PspMessage.SpaceState state) {
    long eui = TestSites.SENSOR_BASE + n;
    hear(new PspMessage.Occupancy(eui, nextSeq(eui), state, 3600, 20));
  }

  public void hear(PspMessage message) {
    sensing.onMessage(TestSites.BUS, message, time.getAsLong());
  }

  public int nextSeq(long eui) {
    return seqs.merge(eui, 1, (a, b) -> (a + b) & 0xFFFF);
  }

  public void after(Duration duration) {
    time.advance(duration);
    sensing.tick();
  }

  public SpaceState state(String spaceId) {
    return sensing.stateOf(spaceId);
  }

  public String indicator(int n) {
    return displays.latest(TestSites.INDICATOR_BASE + n);
  }

  public String sign() {
    return displays.latest(TestSites.SIGN);
  }
}
