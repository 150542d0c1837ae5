package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.api.StatusView.OperationsView;
import dev.parkedge.gateway.api.StatusView.SignView;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The status as Prometheus text exposition format 0.0.4: one {@code # HELP} and {@code # TYPE} per
 * metric family, labels escaped, counters ending in {@code _total}. Pure: status in, text out.
 */
public final class MetricsText {

  private final StringBuilder out = new StringBuilder(4096);

  private MetricsText() {}

  /** The whole exposition for one scrape. */
  public static String render(StatusView status, ProcessFacts process) {
    MetricsText m = new MetricsText();
    m.family("parkedge_up", "gauge", "1 while the daemon answers.");
    m.sample("parkedge_up", "", 1);
    m.family("parkedge_uptime_seconds", "gauge", "Seconds since the gateway started.");
    m.sample("parkedge_uptime_seconds", "", status.uptimeSeconds());
    m.family("parkedge_spaces", "gauge", "Spaces per state.");
    new TreeMap<>(status.spaces())
        .forEach((state, n) -> m.sample("parkedge_spaces", label("state", state), n));
    m.family("parkedge_devices", "gauge", "Devices per health verdict.");
    new TreeMap<>(status.devices())
        .forEach((health, n) -> m.sample("parkedge_devices", label("health", health), n));
    m.family("parkedge_bus_connected", "gauge", "1 while the bus's port or link is open.");
    for (BusView bus : status.buses()) {
      m.sample(
          "parkedge_bus_connected",
          label("bus", bus.name()) + "," + label("protocol", bus.protocol()),
          bus.connected() ? 1 : 0);
    }
    m.family("parkedge_bus_frames_total", "counter", "Frames decoded per bus since the start.");
    for (BusView bus : status.buses()) {
      m.sample("parkedge_bus_frames_total", label("bus", bus.name()), bus.frames());
    }
    m.family("parkedge_bus_rejected_total", "counter", "Frames rejected per bus and error.");
    for (BusView bus : status.buses()) {
      new TreeMap<>(bus.rejected())
          .forEach(
              (error, n) ->
                  m.sample(
                      "parkedge_bus_rejected_total",
                      label("bus", bus.name()) + "," + label("error", error),
                      n));
    }
    m.family("parkedge_sign_free", "gauge", "Free spaces a count sign shows (blank: absent).");
    for (SignView sign : status.signs()) {
      if (!sign.shows().equals("blank")) {
        m.sample("parkedge_sign_free", label("sign", sign.id()), Long.parseLong(sign.shows()));
      }
    }
    m.family("parkedge_journal_seq", "gauge", "Highest committed journal sequence number.");
    m.sample("parkedge_journal_seq", "", status.journalSeq());
    m.family("parkedge_storage_ok", "gauge", "1 while the database accepts commits.");
    m.sample("parkedge_storage_ok", "", status.storage().equals("ok") ? 1 : 0);
    m.family("parkedge_frames_per_second", "gauge", "Frames per second over the last second.");
    m.sample("parkedge_frames_per_second", "", status.framesPerSecond());
    m.family("parkedge_alarms", "gauge", "Alarms raised now.");
    m.sample("parkedge_alarms", "", status.alarms().size());
    if (status.clockTrusted() != null) {
      m.family("parkedge_clock_trusted", "gauge", "1 while the wall clock is trusted.");
      m.sample("parkedge_clock_trusted", "", status.clockTrusted() ? 1 : 0);
    }
    if (status.operations() != null) {
      operations(m, status.operations());
    }
    m.family("process_resident_memory_bytes", "gauge", "Resident memory of the daemon.");
    m.sample("process_resident_memory_bytes", "", process.residentBytes());
    m.family("process_open_fds", "gauge", "Open file descriptors of the daemon.");
    m.sample("process_open_fds", "", process.openFds());
    m.family("jvm_threads", "gauge", "Live threads of the daemon's JVM.");
    m.sample("jvm_threads", "", process.threads());
    m.family("jvm_heap_used_bytes", "gauge", "Java heap in use.");
    m.sample("jvm_heap_used_bytes", "", process.heapUsedBytes());
    return m.out.toString();
  }

  private static void operations(MetricsText m, OperationsView ops) {
    m.family("parkedge_healthy", "gauge", "1 while every health check passes.");
    m.sample("parkedge_healthy", "", ops.healthy() ? 1 : 0);
    m.family(
        "parkedge_watchdog_fed", "gauge", "1 while systemd's watchdog is fed (0 when off too).");
    m.sample("parkedge_watchdog_fed", "", ops.watchdog().startsWith("fed") ? 1 : 0);
    gauge(m, "parkedge_disk_free_bytes", "Free bytes on the data directory.", ops.diskFreeBytes());
    gauge(
        m,
        "parkedge_disk_size_bytes",
        "Size of the data directory's file system.",
        ops.diskTotalBytes());
    gauge(m, "parkedge_database_bytes", "parkedge.db with its WAL.", ops.databaseBytes());
    if (ops.lastBackupAt() != null) {
      m.family(
          "parkedge_last_backup_timestamp_seconds", "gauge", "When the newest backup was taken.");
      m.sample(
          "parkedge_last_backup_timestamp_seconds",
          "",
          Instant.parse(ops.lastBackupAt()).getEpochSecond());
    }
    if (ops.sync() != null && ops.sync().known()) {
      gauge(
          m,
          "parkedge_sync_backlog",
          "Journal entries not yet acknowledged by head office.",
          ops.sync().backlog());
      gauge(
          m,
          "parkedge_sync_oldest_unsent_seconds",
          "Age of the oldest entry not yet acknowledged.",
          ops.sync().oldestUnsentSeconds());
    }
  }

  private static void gauge(MetricsText m, String name, String help, Long value) {
    if (value != null) {
      m.family(name, "gauge", help);
      m.sample(name, "", value);
    }
  }

  private void family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%s", value));
    }
    out.append('\n');
  }

  /** {@code name="value"} with backslash, double quote and newline escaped. */
  static String label(String name, String value) {
    return name
        + "=\""
        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + "\"";
  }

  /** What the process itself measures of itself at a scrape. */
  public record ProcessFacts(long residentBytes, long openFds, long threads, long heapUsedBytes) {

    /** Read from /proc/self and the JVM, now. Unknown values are 0. */
    public static ProcessFacts now() {
      return new ProcessFacts(
          ProcSelf.residentBytes(),
          ProcSelf.openFds(),
          Thread.activeCount(),
          Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }
  }
}
