package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.api.DeviceView;
import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.LogLevelView;
import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.OperationsView;
import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.sync.contract.systemd.Notifier;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What keeps the box operable, running beside the gateway: the health monitor (and systemd's
 * watchdog), automatic backups, and the operations half of status. {@link #control()} is the
 * gateway's control with that half added, for the API and the metrics endpoint.
 */
public final class Operations implements GatewayControl, AutoCloseable {

  private final GatewayControl gateway;
  private final Path dataDir;
  private final Path database;
  private final HealthMonitor health;
  private final Backups backups;
  private final JournalRetention retention;
  private final ScheduledExecutorService maintenance = BackgroundThread.named("maintenance");
  private final SyncProgress sync;

  /**
   * @param database the SQLite file, or null when the daemon runs from memory (no backups then)
   * @param retention deletes old journal entries; null when the daemon runs from memory
   */
  public Operations(
      OperationsConfig config,
      Path dataDir,
      Path database,
      GatewayControl gateway,
      HealthChecks.Probes probes,
      Notifier notifier,
      SyncProgress sync,
      JournalRetention retention,
      Clock clock,
      java.util.function.LongSupplier nanoTime) {
    this.gateway = gateway;
    this.dataDir = dataDir;
    this.database = database;
    this.sync = sync;
    this.retention = retention;
    this.health = new HealthMonitor(new HealthChecks(probes, config.health(), nanoTime), notifier);
    this.backups = database == null ? null : new Backups(database, config.backups(), clock);
  }

  /**
   * Starts the health checks, the backup schedule and the journal's retention. Backups and
   * retention share one {@code maintenance} thread: both are long, disk-heavy passes that an SD
   * card serves better one after the other, and each idle thread costs the daemon ~0.1 MB. Health
   * keeps its own, so a backup of a large database never delays systemd's watchdog.
   */
  public void start() {
    health.start();
    if (backups != null) {
      backups.start(maintenance);
    }
    if (retention != null) {
      retention.start(maintenance);
    }
  }

  /** Free bytes for this process on the file system of {@code folder}, when it can be read. */
  public static OptionalLong diskFree(Path folder) {
    try {
      return OptionalLong.of(Files.getFileStore(folder).getUsableSpace());
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  public HealthMonitor health() {
    return health;
  }

  /** The operations half of status, now. */
  public OperationsView view() {
    Long free = null;
    Long total = null;
    try {
      FileStore store = Files.getFileStore(dataDir);
      free = store.getUsableSpace();
      total = store.getTotalSpace();
    } catch (IOException | RuntimeException e) {
      // unknown: shown as such
    }
    Long databaseBytes = null;
    if (database != null) {
      databaseBytes =
          size(database) + size(database.resolveSibling(database.getFileName() + "-wal"));
    }
    var newest = backups == null ? java.util.Optional.<Backups.Backup>empty() : backups.newest();
    HealthVerdict verdict = health.latest();
    List<String> problems = new ArrayList<>(verdict.problems());
    if (backups != null && backups.lastError() != null) {
      problems.add("backup failed: " + backups.lastError());
    }
    if (retention != null && retention.lastError() != null) {
      problems.add("old journal entries not deleted: " + retention.lastError());
    }
    return new OperationsView(
        dataDir.toString(),
        free,
        total,
        databaseBytes,
        newest.map(b -> b.at().toString()).orElse(null),
        newest.map(b -> b.file().getFileName().toString()).orElse(null),
        sync.read(),
        problems.isEmpty(),
        health.watchdogState(),
        problems);
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  // ---- GatewayControl: the gateway's, with operations added to status ---------------------

  @Override
  public StatusView status() {
    return gateway.status().withOperations(view());
  }

  @Override
  public List<SpaceView> spaces() {
    return gateway.spaces();
  }

  @Override
  public List<DeviceView> devices() {
    return gateway.devices();
  }

  @Override
  public SpaceView setMaintenance(String spaceId, boolean on) {
    return gateway.setMaintenance(spaceId, on);
  }

  @Override
  public ReloadOutcome reload() {
    return gateway.reload();
  }

  @Override
  public LogLevelView logLevel(String logger, String level) {
    return gateway.logLevel(logger, level);
  }

  @Override
  public long note(String key, String text) {
    return gateway.note(key, text);
  }

  @Override
  public void close() {
    health.close();
    if (retention != null) {
      retention.close();
    }
    if (backups != null) {
      backups.close();
    }
    maintenance.shutdownNow();
  }
}
