package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What keeps a box operable without someone at it: the Prometheus metrics endpoint, the daily
 * database backups, and the health checks that decide whether systemd's watchdog is fed.
 *
 * @param metrics the {@code metrics} section
 * @param backups the {@code backups} section
 * @param health the {@code health} section
 * @param syncStatusFile the sync-agent's status file ({@code sync.status_file}): where {@code
 *     parkedge status} and {@code parkedge sync status} learn how far the journal has got to head
 *     office; the agent writes it as {@code <state_file>.status.json}
 * @param journalKeep {@code journal.keep}: journal entries older than this are deleted once the
 *     space snapshot covers them and the sync-agent (when one reports here) has copied them;
 *     default 30d, range 1d..3650d
 */
public record OperationsConfig(
    Metrics metrics, Backups backups, Health health, Path syncStatusFile, Duration journalKeep) {

  /** The sync-agent's default {@code state_file} plus {@code .status.json}. */
  public static final Path DEFAULT_SYNC_STATUS_FILE =
      Path.of("/var/lib/parkedge-sync/sync.db.status.json");

  /**
   * Every default: metrics off, a backup a day keeping 7, the health defaults, 30 days of journal.
   */
  public static final OperationsConfig DEFAULTS =
      new OperationsConfig(
          new Metrics(false, "127.0.0.1", 9108),
          new Backups(true, Duration.ofDays(1), 7),
          new Health(Duration.ofMinutes(30), 100, false),
          DEFAULT_SYNC_STATUS_FILE,
          Duration.ofDays(30));

  public OperationsConfig {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(backups, "backups");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(syncStatusFile, "syncStatusFile");
    Objects.requireNonNull(journalKeep, "journalKeep");
  }

  /**
   * Prometheus text format on {@code http://bind:port/metrics}.
   *
   * @param enabled default false
   * @param bind default 127.0.0.1 (the box itself; a local Prometheus agent scrapes it)
   * @param port TCP port, default 9108
   */
  public record Metrics(boolean enabled, String bind, int port) {}

  /**
   * Automatic backups of the database into {@code data_dir/backups}.
   *
   * @param enabled default true
   * @param every how often, default 1d, range 1h..7d
   * @param keep how many automatic backups to keep, default 7, range 1..365
   */
  public record Backups(boolean enabled, Duration every, int keep) {}

  /**
   * The health checks behind {@code parkedge status} and systemd's watchdog.
   *
   * @param busSilence a bus that carried frames since the start and then none for this long is
   *     unhealthy; default 30m, range 1m..1d
   * @param diskFloorMb free space on the data directory's file system below which the box is
   *     unhealthy, in MB; default 100, range 0..100000
   * @param restartOnStorageFailure whether a database that refuses writes, or a disk below the
   *     floor, also stops feeding the watchdog (so systemd restarts the daemon); default false
   */
  public record Health(Duration busSilence, long diskFloorMb, boolean restartOnStorageFailure) {}
}
