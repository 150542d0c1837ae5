package dev.parkedge.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway at a glance, as {@code parkedge status --json} prints it.
 *
 * @param spaces count of spaces per state (free, occupied, reserved, maintenance, unknown)
 * @param devices count of devices per health verdict (ok, degraded, stale, orphan)
 * @param storage "ok" or why not
 * @param alarms current alarms, one line each (empty when all is well)
 * @param clockTrusted whether the wall clock is trusted (plausible, no recent jump back)
 * @param operations disk, database, backups, sync and health; null from a daemon that does not run
 *     them (tests, the demo)
 */
public record StatusView(
    String site,
    String version,
    String startedAt,
    long uptimeSeconds,
    Map<String, Long> spaces,
    Map<String, Long> devices,
    List<BusView> buses,
    List<SignView> signs,
    long journalSeq,
    String storage,
    double framesPerSecond,
    List<String> alarms,
    Boolean clockTrusted,
    OperationsView operations) {

  /** The same status with {@code operations} (and their alarms) added. */
  public StatusView withOperations(OperationsView ops) {
    List<String> all = new ArrayList<>(alarms);
    // the storage alarm is in the gateway's own alarms already
    ops.problems().stream().filter(p -> !p.startsWith("storage refuses writes")).forEach(all::add);
    return new StatusView(
        site,
        version,
        startedAt,
        uptimeSeconds,
        spaces,
        devices,
        buses,
        signs,
        journalSeq,
        storage,
        framesPerSecond,
        List.copyOf(all),
        clockTrusted,
        ops);
  }

  /**
   * One bus or link (serial, LoRaWAN network server, ...).
   *
   * @param rejected frames rejected by the deframer, by error code
   * @param details the link's own counters (e.g. a LoRaWAN link's uplinks, acks and refusals)
   */
  public record BusView(
      String name,
      String port,
      String protocol,
      boolean connected,
      long frames,
      Map<String, Long> rejected,
      Map<String, Object> details) {}

  /**
   * One count sign and what it shows.
   *
   * @param shows the number shown, or "blank"
   */
  public record SignView(String id, List<String> zones, String shows, String color) {}

  /**
   * What keeps the box operable.
   *
   * @param dataDir where the database and backups live
   * @param diskFreeBytes free space for the daemon on the data directory's file system
   * @param diskTotalBytes size of that file system
   * @param databaseBytes parkedge.db with its WAL
   * @param lastBackupAt when the newest backup in data_dir/backups was taken, or null
   * @param lastBackupFile its file name, or null
   * @param sync the sync-agent's backlog, when known
   * @param healthy whether every health check passes (see {@code problems})
   * @param watchdog "fed every N s" under systemd's watchdog, "withheld: why", or "off"
   * @param problems what is unhealthy now, one line each (also in the status's alarms)
   */
  public record OperationsView(
      String dataDir,
      Long diskFreeBytes,
      Long diskTotalBytes,
      Long databaseBytes,
      String lastBackupAt,
      String lastBackupFile,
      SyncView sync,
      boolean healthy,
      String watchdog,
      List<String> problems) {}

  /**
   * The journal's way to head office.
   *
   * @param known false while no sync-agent reports its progress (backlog and age are then null)
   * @param backlog journal entries not yet acknowledged by the cloud
   * @param oldestUnsentSeconds age of the oldest of them
   */
  public record SyncView(boolean known, Long backlog, Long oldestUnsentSeconds) {}
}
