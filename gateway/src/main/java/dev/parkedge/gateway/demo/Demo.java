package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LoggingConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.demo.office.HeadOffice;
import dev.parkedge.gateway.display.psp.PspDisplayDriver;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.runtime.Gateway;
import dev.parkedge.gateway.runtime.GatewayParts;
import dev.parkedge.gateway.runtime.Logging;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.storage.sqlite.SqliteParkingStore;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code parkedge demo}: the whole system in one process. The real gateway pipeline (deframing,
 * sensing, device health, displays, SQLite journal) on a simulated site whose sensors and displays
 * speak PSP/1 bytes over an in-memory link; its money-and-access side on the shipped demo tariff,
 * with bookings, drive-ins, a pay station and enforcement driven through the same API the lanes use
 * ({@link DemoTraffic}); and the cloud side ({@link HeadOffice}): the sync-agent draining the
 * journal to the head-office collector through an embedded MQTT broker. A day at the site (07:00 to
 * 19:00) passes in {@code duration}; the live view shows the lot, revenue, sessions and the sync
 * backlog, and the end prints the gateway's day report, the head office's, and whether they agree.
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

  /** How long the simulated day (07:00 to 19:00) lasts when the demo runs without an end. */
  static final Duration ENDLESS_DAY = Duration.ofSeconds(60);

  /** How often enforcement takes a reading, in real time. */
  static final Duration ENFORCEMENT_EVERY = Duration.ofMillis(250);

  /**
   * What a demo ended with: each side's revenue of the day (minor units), the violations and
   * reservations by kind and status, sessions opened and still open, and how far sync got.
   */
  record Outcome(
      long gatewayRevenue,
      long headOfficeRevenue,
      Map<String, Integer> violations,
      Map<String, Integer> reservations,
      long sessionsOpened,
      int sessionsOpen,
      boolean drained,
      long journalHead,
      long acked,
      long eventsHeld) {

    boolean agrees() {
      return drained && gatewayRevenue == headOfficeRevenue;
    }
  }

  /** Runs the demo until {@code duration} (or forever when null); returns the exit status. */
  public static int run(Options options, PrintWriter out) throws Exception {
    return play(options, out).agrees() ? 0 : 1;
  }

  static Outcome play(Options options, PrintWriter out) throws Exception {
    Logging.apply(new LoggingConfig("warn"));
    SiteLayout layout = DemoSite.build(options.levels(), options.spacesPerZone());
    ZoneId zone = layout.site().timezone();
    Duration day = Duration.between(DemoTraffic.DAY_START, DemoTraffic.DAY_END);
    Duration lasts = options.duration() == null ? ENDLESS_DAY : options.duration();
    DemoTime time =
        new DemoTime(
            LocalDate.now(zone).atTime(DemoTraffic.DAY_START).atZone(zone).toInstant(),
            Math.max(1, day.toNanos() / (double) lasts.toNanos()));
    GatewayConfig config =
        new GatewayConfig(
            options.dataDir().resolve("gateway.yaml"),
            options.dataDir().resolve("site.yaml"),
            options.dataDir(),
            List.of(),
            new ApiConfig("127.0.0.1", 0),
            new SensingConfig(Duration.ZERO, time.simulated(options.staleAfter())),
            new DisplayConfig(time.simulated(Duration.ofSeconds(10))),
            new LoggingConfig("warn"));
    SqliteStore store =
        SqliteStore.open(config.database(), time, SqliteStore.DEFAULT_MAX_COMMIT_DELAY);
    SqliteParkingStore parkingStore = store.parkingStore();
    DemoParking parking = new DemoParking();
    InMemoryBus bus = new InMemoryBus(time::nanoTime);
    PspDisplayDriver displays = new PspDisplayDriver(bus, 0);
    Gateway gateway =
        Gateway.start(
            new GatewayParts(
                config,
                layout,
                () -> layout,
                time,
                time::nanoTime,
                store,
                store,
                store,
                List.of(bus),
                List.of(displays),
                List.of(displays, parkingStore, store),
                Optional.of(parking.parts(options.dataDir(), parkingStore, ENFORCEMENT_EVERY))));
    ParkingApi api = gateway.parkingApi().orElseThrow();
    HeadOffice office = HeadOffice.start(layout.site().id(), config.database(), options.dataDir());
    SimulatedLot lot =
        new SimulatedLot(
            layout, bus, options.eventsPerSecond(), options.staleAfter().toMillis() / 3);
    DemoTraffic traffic = new DemoTraffic(api, time, zone);
    time.go();
    lot.start();
    traffic.start();
    long startNanos = System.nanoTime();
    DemoView view = new DemoView(layout, bus, gateway.control(), lot, options.ansi());
    Thread stopper = new Thread(() -> close(gateway, lot, traffic, office), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      long interval = options.ansi() ? 500 : 5000;
      long elapsed = 0;
      while (options.duration() == null || elapsed < options.duration().toMillis()) {
        long left = options.duration() == null ? interval : options.duration().toMillis() - elapsed;
        Thread.sleep(Math.min(interval, left));
        elapsed = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        view.render(
            out,
            elapsed / 1000,
            time,
            business(api, traffic, office, parking, gateway.control().status().journalSeq()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    traffic.close();
    lot.close();
    StatusView status = gateway.control().status();
    Map<String, Object> gatewayDay = map(api.dayReport(traffic.day()));
    long gatewayRevenue = revenue(gatewayDay);
    int openSessions = openSessions(api);
    List<Object> violations = list(api.violations());
    Map<String, Integer> reservations =
        byKey(
            list(
                api.reservations(
                    traffic.day().atStartOfDay(zone).toInstant(),
                    traffic.day().plusDays(1).atStartOfDay(zone).toInstant(),
                    null,
                    1000)),
            "status");
    gateway.close();
    boolean drained = office.awaitDrained(Duration.ofSeconds(20));
    long head = office.journalHead();
    HeadOffice.Report report = office.report(traffic.day(), zone);
    long held = office.eventsHeld();
    long acked = office.ackedSeq();
    office.close();
    Runtime.getRuntime().removeShutdownHook(stopper);
    out.println();
    out.println(summary(status, lot, options));
    out.println();
    out.println("== the gateway's own day report ==");
    out.print(DemoReports.gatewayDay(gatewayDay, openSessions, violations, reservations));
    out.println();
    out.println("== the head-office report (collector, from the events the sync-agent sent) ==");
    out.print(report.text());
    out.println();
    out.println(
        DemoReports.agreement(
            gatewayRevenue, report.revenueMinor(), api.currency(), drained, head, acked, held));
    out.flush();
    return new Outcome(
        gatewayRevenue,
        report.revenueMinor(),
        byKey(violations, "kind"),
        reservations,
        report.sessions().getOrDefault("opened", 0L),
        openSessions,
        drained,
        head,
        acked,
        held);
  }

  /** How many of {@code views} have each value of {@code key}. */
  static Map<String, Integer> byKey(List<Object> views, String key) {
    Map<String, Integer> counts = new TreeMap<>();
    views.forEach(v -> counts.merge(String.valueOf(((Map<?, ?>) v).get(key)), 1, Integer::sum));
    return counts;
  }

  /** The live view's lines about money, sessions and sync. */
  private static List<String> business(
      ParkingApi api, DemoTraffic traffic, HeadOffice office, DemoParking parking, long seq) {
    try {
      Map<String, Object> today = map(api.dayReport(traffic.day()));
      long acked = office.ackedSeq();
      return List.of(
          String.format(
              Locale.ROOT,
              "money: revenue today %s   open sessions %d   lanes: %s, %d gate openings   violations %d",
              Money.ofMinor(revenue(today), api.currency()),
              openSessions(api),
              traffic.counts(),
              parking.gatesOpened(),
              list(api.violations()).size()),
          String.format(
              Locale.ROOT,
              "sync: backlog %d events unsent (journal seq %d, last acked %d)   head office holds %d events   agent %s",
              Math.max(0, seq - acked),
              seq,
              acked,
              office.eventsHeld(),
              office.connected() ? "connected" : "connecting"),
          "traffic: " + String.join("; ", traffic.recent()));
    } catch (Exception e) {
      return List.of("money: not available now (" + e.getMessage() + ")");
    }
  }

  /** Revenue of a gateway day report: payments less refunds, every method (top-ups are not). */
  static long revenue(Map<String, Object> day) {
    long sum = 0;
    for (Object row : (List<?>) day.get("methods")) {
      Map<?, ?> m = (Map<?, ?>) row;
      sum += ((Number) m.get("paid")).longValue() - ((Number) m.get("refunded")).longValue();
    }
    return sum;
  }

  private static int openSessions(ParkingApi api) throws Exception {
    // open sessions are listed whatever their entry time
    return list(api.sessions(Instant.EPOCH, Instant.EPOCH, Session.Status.OPEN, 100_000)).size();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(CompletableFuture<Object> answer) throws Exception {
    return (Map<String, Object>) answer.get(10, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(CompletableFuture<Object> answer) throws Exception {
    return (List<Object>) answer.get(10, TimeUnit.SECONDS);
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

  private static void close(
      Gateway gateway, SimulatedLot lot, DemoTraffic traffic, HeadOffice office) {
    traffic.close();
    lot.close();
    gateway.close();
    try {
      office.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
