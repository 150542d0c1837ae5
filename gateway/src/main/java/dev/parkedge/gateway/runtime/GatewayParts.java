package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the gateway is built from: the real adapters for {@code parkedge run}, simulated links
 * for {@code parkedge demo}, fakes in tests.
 *
 * @param closeables closed after the domain stops, in order (drivers, then stores)
 * @param parking reservations, lanes, payments and enforcement, when gateway.yaml has them
 */
public record GatewayParts(
    GatewayConfig config,
    SiteLayout layout,
    LayoutSource reloader,
    Clock clock,
    LongSupplier nanoTime,
    Journal journal,
    SpaceStateStore spaceStore,
    DeviceStore deviceStore,
    List<FrameSource> sources,
    List<DisplayDriver> drivers,
    List<AutoCloseable> closeables,
    Optional<ParkingParts> parking) {

  /** Parts without the money-and-access side. */
  public GatewayParts(
      GatewayConfig config,
      SiteLayout layout,
      LayoutSource reloader,
      Clock clock,
      LongSupplier nanoTime,
      Journal journal,
      SpaceStateStore spaceStore,
      DeviceStore deviceStore,
      List<FrameSource> sources,
      List<DisplayDriver> drivers,
      List<AutoCloseable> closeables) {
    this(
        config,
        layout,
        reloader,
        clock,
        nanoTime,
        journal,
        spaceStore,
        deviceStore,
        sources,
        drivers,
        closeables,
        Optional.empty());
  }

  public GatewayParts {
    sources = List.copyOf(sources);
    drivers = List.copyOf(drivers);
    closeables = List.copyOf(closeables);
  }
}
