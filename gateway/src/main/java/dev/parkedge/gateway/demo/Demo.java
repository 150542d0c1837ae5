package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LoggingConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.display.psp.PspDisplayDriver;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.runtime.Gateway;
import dev.parkedge.gateway.runtime.GatewayParts;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code parkedge demo}: the real gateway pipeline (deframing, sensing, device health, displays,
 * SQLite journal) on a simulated site whose sensors and displays speak PSP/1 bytes over an
 * in-memory link, with a live terminal view.
 */
public final class Demo {

  /** What the demo runs on. */
  public record Options(
      int levels,
      int spacesPerZone,
      double eventsPerSecond,
      Duration duration,
      Duration staleAfter,
      Path dataDir,
      boolean ansi) {}

  private Demo() {}

  /** Runs the demo until {@code duration} (or forever when null); returns the exit status. */
  public static int run(Options options, PrintWriter out) throws StorageException {
    SiteLayout layout = DemoSite.build(options.levels(), options.spacesPerZone());
    GatewayConfig config =
        new GatewayConfig(
            options.dataDir().resolve("gateway.yaml"),
            options.dataDir().resolve("site.yaml"),
            options.dataDir(),
            List.of(),
            new ApiConfig("127.0.0.1", 0),
            new SensingConfig(Duration.ZERO, options.staleAfter()),
            new DisplayConfig(Duration.ofSeconds(10)),
            new LoggingConfig("warn"));
    SqliteStore store =
        SqliteStore.open(
            config.database(), Clock.systemUTC(), SqliteStore.DEFAULT_MAX_COMMIT_DELAY);
    InMemoryBus bus = new InMemoryBus();
    PspDisplayDriver displays = new PspDisplayDriver(bus, 0);
    long startNanos = System.nanoTime();
    Gateway gateway =
        Gateway.start(
            new GatewayParts(
                config,
                layout,
                () -> layout,
                Clock.systemUTC(),
                System::nanoTime,
                store,
                store,
                store,
                List.of(bus),
                List.of(displays),
                List.of(displays, store)));
    SimulatedLot lot =
        new SimulatedLot(
            layout, bus, options.eventsPerSecond(), options.staleAfter().toMillis() / 3);
    lot.start();
    DemoView view = new DemoView(layout, bus, gateway.control(), lot, options.ansi());
    Thread stopper = new Thread(() -> close(gateway, lot), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      long interval = options.ansi() ? 500 : 5000;
      long elapsed = 0;
      while (options.duration() == null || elapsed < options.duration().toMillis()) {
        long left = options.duration() == null ? interval : options.duration().toMillis() - elapsed;
        Thread.sleep(Math.min(interval, left));
        elapsed = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        view.render(out, elapsed / 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StatusView status = gateway.control().status();
    close(gateway, lot);
    Runtime.getRuntime().removeShutdownHook(stopper);
    out.println();
    out.println(summary(status, lot, options));
    out.flush();
    return 0;
  }

  private static String summary(StatusView status, SimulatedLot lot, Options options) {
    return String.format(
        Locale.ROOT,
        "demo done: %d spaces, %d frames sent by the simulated devices, journal at seq %d,"
            + " %d orphan(s), %d stale device(s); signs: %s%ndata kept in %s",
        status.spaces().values().stream().mapToLong(Long::longValue).sum(),
        lot.framesSent(),
        status.journalSeq(),
        status.devices().get("orphan"),
        status.devices().get("stale"),
        String.join(", ", status.signs().stream().map(s -> s.id() + "=" + s.shows()).toList()),
        options.dataDir());
  }

  private static void close(Gateway gateway, SimulatedLot lot) {
    lot.close();
    gateway.close();
  }
}
