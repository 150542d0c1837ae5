package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.coap.CoapApiServer;
import dev.parkedge.gateway.api.http.MetricsServer;
import dev.parkedge.gateway.config.CommandsConfig;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LorawanConfig;
import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.gateway.config.SecretFile;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.devices.DeviceStore;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.display.lorawan.AirtimeBudget;
import dev.parkedge.gateway.display.lorawan.LorawanDisplayDriver;
import dev.parkedge.gateway.display.modbus.ModbusSignDriver;
import dev.parkedge.gateway.display.psp.PspDisplayDriver;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.ops.HealthChecks;
import dev.parkedge.gateway.ops.JournalRetention;
import dev.parkedge.gateway.ops.MetricsText;
import dev.parkedge.gateway.ops.Operations;
import dev.parkedge.gateway.ops.SyncStatusFile;
import dev.parkedge.gateway.remote.CommandHandler;
import dev.parkedge.gateway.remote.CommandInbox;
import dev.parkedge.gateway.remote.LayoutPublisher;
import dev.parkedge.gateway.remote.MaintenanceCommand;
import dev.parkedge.gateway.remote.ParkingCommands;
import dev.parkedge.gateway.remote.RemoteCommands;
import dev.parkedge.gateway.remote.TariffActivation;
import dev.parkedge.gateway.remote.TariffPublisher;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.gateway.sensing.SpaceStateStore;
import dev.parkedge.gateway.session.psp.AckTap;
import dev.parkedge.gateway.session.psp.PspLaneGate;
import dev.parkedge.gateway.storage.memory.VolatileStore;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import dev.parkedge.gateway.transport.coap.CoapDeviceLink;
import dev.parkedge.gateway.transport.gpio.GpioBoard;
import dev.parkedge.gateway.transport.mqtt.LorawanLink;
import dev.parkedge.gateway.transport.mqtt.NetworkServerCodec;
import dev.parkedge.gateway.transport.mqtt.ServerKind;
import dev.parkedge.gateway.transport.serial.SerialPspBus;
import dev.parkedge.sync.contract.CommandKind;
import dev.parkedge.sync.contract.systemd.Notifier;
import dev.parkedge.sync.contract.systemd.SystemdNotifier;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parkedge run}: the gateway on real adapters (SQLite, serial buses, Modbus signs, GPIO
 * pins, the CoAP API), started from gateway.yaml.
 */
public final class Daemon implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final Gateway gateway;
  private final CoapApiServer api;
  // ---- operations (issue 8): health/watchdog, backups, metrics, systemd notification ----
  private final Operations operations;
  private final MetricsServer metrics;
  private final Notifier notifier;
  private final RemoteCommands commands;

  private Daemon(
      Gateway gateway,
      CoapApiServer api,
      Operations operations,
      MetricsServer metrics,
      Notifier notifier,
      RemoteCommands commands) {
    this.gateway = gateway;
    this.api = api;
    this.operations = operations;
    this.metrics = metrics;
    this.notifier = notifier;
    this.commands = commands;
  }

  /**
   * Starts everything; returns when the gateway is ready.
   *
   * @throws ConfigException when gateway.yaml or site.yaml cannot be used (nothing is started)
   */
  public static Daemon start(GatewayConfig config) throws ConfigException {
    long startNanos = System.nanoTime();
    SiteLayout layout = ConfigLoader.loadSite(config.siteFile(), config);
    Clock clock = Clock.systemUTC();
    List<AutoCloseable> closeables = new ArrayList<>();
    List<FrameSource> sources = new ArrayList<>();
    List<DisplayDriver> drivers = new ArrayList<>();
    openCoapDevices(config, sources, drivers);
    Stores store = openStore(config, clock);
    // issue 6: barriers driven by PSP/1 Gate commands hear their Acks through the bus's tap
    Map<String, PspLink> pspLinks = new HashMap<>();
    PspLaneGate pspGates =
        config.parking().map(p -> new PspLaneGate(p.pspGates(), pspLinks::get)).orElse(null);
    for (SerialBusConfig bus : config.serial()) {
      if (bus.protocol() == SerialBusConfig.BusProtocol.PSP) {
        SerialPspBus serial = new SerialPspBus(bus);
        pspLinks.put(bus.name(), serial);
        sources.add(pspGates == null ? serial : new AckTap(serial, pspGates));
        PspDisplayDriver driver = new PspDisplayDriver(serial, bus.baud());
        drivers.add(driver);
        closeables.add(driver);
      } else {
        List<Sign> signs =
            layout.signs().stream().filter(s -> s.device().bus().equals(bus.name())).toList();
        ModbusSignDriver driver = new ModbusSignDriver(bus, signs);
        drivers.add(driver);
        closeables.add(driver);
      }
    }
    if (config.lorawan() != null) {
      LorawanLink link = lorawan(config);
      LorawanDisplayDriver driver = new LorawanDisplayDriver(config.lorawan().displays(), link);
      link.alsoReport("downlink_airtime", () -> airtime(driver.budgetUse()));
      sources.add(link);
      drivers.add(driver);
      closeables.add(driver);
    }
    GpioBoard gpio = null;
    if (!config.gpio().isEmpty()) {
      // The barrier relays (gpio.gates()) open lanes for the session feature (parking below).
      gpio = GpioBoard.start(config.gpio());
      gpio.source().ifPresent(sources::add);
      drivers.add(gpio.displays());
      closeables.add(gpio);
    }
    Optional<ParkingParts> parking =
        ParkingAssembly.parts(
            config, store.sqlite(), pspGates, gpio == null ? null : gpio.gates(), closeables);
    if (store.closeable() != null) {
      closeables.add(store.closeable());
    }
    Gateway gateway =
        Gateway.start(
            new GatewayParts(
                config,
                layout,
                () -> ConfigLoader.loadSite(config.siteFile(), config),
                clock,
                System::nanoTime,
                store.journal(),
                store.spaces(),
                store.devices(),
                sources,
                drivers,
                closeables,
                parking));
    Notifier notifier = SystemdNotifier.fromEnvironment();
    Operations operations = operations(config, gateway, store, notifier, clock);
    CoapApiServer api =
        CoapApiServer.start(
            operations,
            gateway.parkingApi().orElse(null),
            config.api().bind(),
            config.api().coapPort());
    log.info("api listening on coap://{}:{}", config.api().bind(), api.port());
    RemoteCommands commands = remoteCommands(config, layout, gateway, store.inbox());
    MetricsServer metrics = metrics(config, operations);
    operations.start();
    String ready =
        "ready in "
            + (System.nanoTime() - startNanos) / 1_000_000
            + " ms: site "
            + layout.site().id()
            + ", "
            + layout.spaces().size()
            + " spaces";
    log.info("parkedge {}", ready);
    notifier.ready(ready);
    return new Daemon(gateway, api, operations, metrics, notifier, commands);
  }

  /** Health checks, backups and the operations half of status, over the running gateway. */
  private static Operations operations(
      GatewayConfig config, Gateway gateway, Stores store, Notifier notifier, Clock clock) {
    Journal journal = store.journal();
    SqliteStore sqlite = store.sqlite();
    HealthChecks.Probes probes =
        new HealthChecks.Probes() {
          @Override
          public StatusView status() {
            return gateway.control().status();
          }

          @Override
          public StorageHealth storage() {
            return journal.health();
          }

          @Override
          public long lastCommittedSeq() {
            return journal.lastCommittedSeq();
          }

          @Override
          public CompletableFuture<Void> probeWrite() {
            return sqlite == null ? null : sqlite.probeWrite();
          }

          @Override
          public OptionalLong diskFreeBytes() {
            return Operations.diskFree(config.dataDir());
          }
        };
    SyncStatusFile sync =
        new SyncStatusFile(config.operations().syncStatusFile(), journal::lastCommittedSeq, clock);
    JournalRetention retention =
        sqlite == null
            ? null
            : new JournalRetention(
                sqlite,
                config.operations().journalKeep(),
                () ->
                    sync.agentStatus()
                        .map(status -> OptionalLong.of(status.copiedSeq()))
                        .orElse(OptionalLong.empty()),
                gateway::clockTrusted,
                clock);
    return new Operations(
        config.operations(),
        config.dataDir(),
        sqlite == null ? null : config.database(),
        gateway.control(),
        probes,
        notifier,
        sync,
        retention,
        clock,
        System::nanoTime);
  }

  /** The metrics endpoint when gateway.yaml turns it on; a port in use is logged, not fatal. */
  private static MetricsServer metrics(GatewayConfig config, Operations operations) {
    OperationsConfig.Metrics settings = config.operations().metrics();
    if (!settings.enabled()) {
      return null;
    }
    try {
      return MetricsServer.start(
          settings.bind(),
          settings.port(),
          () -> MetricsText.render(operations.status(), MetricsText.ProcessFacts.now()));
    } catch (IOException | RuntimeException e) {
      log.error(
          "metrics: cannot serve on {}:{} ({}); the gateway runs without metrics",
          settings.bind(),
          settings.port(),
          e.toString());
      return null;
    }
  }

  // --- remote commands (sync-agent inbox) -----------------------------------------------------

  /**
   * The tenant's signed commands, when gateway.yaml has a {@code commands} section and the store is
   * SQLite (the inbox is a table of it). Each kind goes through the service a local request uses;
   * without a parking section, reservations and gates are refused as such.
   */
  private static RemoteCommands remoteCommands(
      GatewayConfig config, SiteLayout layout, Gateway gateway, CommandInbox inbox) {
    if (config.commands().isEmpty()) {
      return null;
    }
    if (inbox == null) {
      log.warn("commands: storage runs from memory, so the command inbox is unavailable");
      return null;
    }
    CommandsConfig settings = config.commands().get();
    Map<CommandKind, CommandHandler> handlers = new EnumMap<>(CommandKind.class);
    handlers.put(
        CommandKind.LAYOUT_PUBLISH,
        new LayoutPublisher(
            config.siteFile(), staged -> ConfigLoader.loadSite(staged, config), gateway::reload));
    handlers.put(
        CommandKind.TARIFF_PUBLISH,
        new TariffPublisher(settings.tariffDir(), tariffActivation(config, gateway)));
    handlers.put(CommandKind.SPACE_MAINTENANCE, new MaintenanceCommand(gateway.control()));
    // Reservations and gates go through the parking API, as the CoAP API's requests do.
    handlers.putAll(
        ParkingCommands.handlers(
            gateway.parkingApi(), Clock.systemUTC(), settings.tenant(), settings.gateOpenMaxAge()));
    return new RemoteCommands(
            settings.tenant(),
            layout.site().id(),
            settings.publicKey(),
            inbox,
            handlers,
            Clock.systemUTC(),
            gateway::clockTrusted)
        .start();
  }

  /**
   * tariff.publish's activation: the domain switches tariffs and journals {@code tariff.activated};
   * then the pointer in the tariff folder makes it survive a restart.
   */
  private static Optional<TariffActivation> tariffActivation(
      GatewayConfig config, Gateway gateway) {
    if (config.parking().isEmpty() || gateway.parkingApi().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TariffActivator(
            gateway,
            config.commands().orElseThrow().tariffDir(),
            config.parking().get().tariffFile()));
  }

  // --- end remote commands ----------------------------------------------------------------------

  private static LorawanLink lorawan(GatewayConfig gateway) throws ConfigException {
    LorawanConfig config = gateway.lorawan();
    String password =
        config.passwordFile() == null ? null : SecretFile.firstLine(config.passwordFile());
    NetworkServerCodec codec;
    try {
      codec =
          NetworkServerCodec.of(ServerKind.valueOf(config.server().name()), config.application());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          List.of(
              ConfigException.problem(gateway.file(), "lorawan.application: " + e.getMessage())));
    }
    return new LorawanLink(config, codec, password, Backoff.forBroker(), System::nanoTime);
  }

  /** The airtime budget's use, for status. */
  private static Map<String, Object> airtime(AirtimeBudget.Use use) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("used_s", use.used().toMillis() / 1000.0);
    view.put("budget_s", use.budget().toMillis() / 1000.0);
    view.put("window_s", use.window().toSeconds());
    view.put("queued", use.queued());
    view.put("sent", use.sent());
    view.put("deferred", use.deferred());
    view.put("coalesced", use.coalesced());
    return view;
  }

  /**
   * The CoAP device link, when gateway.yaml has {@code coap_devices}: opened first, so that a port
   * in use stops the start before anything else is open. The gateway closes it as a source.
   */
  private static void openCoapDevices(
      GatewayConfig config, List<FrameSource> sources, List<DisplayDriver> drivers) {
    config
        .coapDevices()
        .ifPresent(
            coap -> {
              CoapDeviceLink link = CoapDeviceLink.open(coap);
              sources.add(link);
              drivers.add(link);
            });
  }

  /** The three stores the domain needs, and what closes them. */
  private record Stores(
      Journal journal,
      SpaceStateStore spaces,
      DeviceStore devices,
      CommandInbox inbox,
      AutoCloseable closeable,
      SqliteStore sqlite) {}

  /** The SQLite store, or — when the database cannot be used — a volatile one and an alarm. */
  private static Stores openStore(GatewayConfig config, Clock clock) {
    try {
      SqliteStore store =
          SqliteStore.open(config.database(), clock, SqliteStore.DEFAULT_MAX_COMMIT_DELAY);
      log.info("storage open: {}", config.database());
      return new Stores(store, store, store, store, store, store);
    } catch (StorageException e) {
      log.error(
          "storage refused: {}. Running from memory: the lot keeps working, nothing is kept.",
          e.getMessage());
      VolatileStore store = new VolatileStore(e.getMessage());
      return new Stores(store, store, store, null, null, null);
    }
  }

  public Gateway gateway() {
    return gateway;
  }

  /** The CoAP port actually bound. */
  public int apiPort() {
    return api.port();
  }

  /** Re-reads site.yaml (SIGHUP). */
  public void reload() {
    gateway.reload();
  }

  /** The health checks, backups and operations status of this daemon. */
  public Operations operations() {
    return operations;
  }

  /** The metrics endpoint's port, or -1 when it is off. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Stops the API, then the gateway (which commits what is in flight). */
  @Override
  public void close() {
    notifier.stopping();
    if (metrics != null) {
      metrics.close();
    }
    api.close();
    operations.close();
    if (commands != null) {
      try {
        commands.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    gateway.close();
  }
}
