package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.api.StatusView.OperationsView;
import dev.parkedge.gateway.api.StatusView.SignView;
import dev.parkedge.gateway.api.StatusView.SyncView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code parkedge status} for people: one labelled line per part of the gateway. */
final class StatusText {

  private static final List<String> SPACE_STATES =
      List.of("free", "occupied", "reserved", "maintenance", "unknown");
  private static final List<String> HEALTH_VERDICTS = List.of("ok", "degraded", "stale", "orphan");

  private StatusText() {}

  static void print(StatusView status, PrintWriter out) {
    out.println(
        status.site()
            + ": parkedge "
            + status.version()
            + ", up "
            + uptime(status.uptimeSeconds())
            + " (since "
            + status.startedAt()
            + ")");
    Table table = new Table("", "");
    table.row("spaces", counts(status.spaces(), SPACE_STATES));
    table.row("devices", counts(status.devices(), HEALTH_VERDICTS));
    label(table, "buses", status.buses().stream().map(StatusText::bus).toList());
    label(table, "signs", status.signs().stream().map(StatusText::sign).toList());
    table.row(
        "storage",
        status.storage()
            + ", journal at seq "
            + status.journalSeq()
            + ", "
            + String.format(Locale.ROOT, "%.1f", status.framesPerSecond())
            + " frames/s");
    operations(table, status);
    label(table, "alarms", status.alarms());
    table.printWithoutHeader(out);
  }

  /** Clock, disk, database, backup, sync and health; absent from an older daemon's answer. */
  private static void operations(Table table, StatusView status) {
    if (status.clockTrusted() != null) {
      table.row(
          "clock",
          status.clockTrusted()
              ? "trusted"
              : "NOT TRUSTED (not synchronised yet, or it jumped back): check NTP");
    }
    OperationsView ops = status.operations();
    if (ops == null) {
      return;
    }
    table.row(
        "disk",
        (ops.diskFreeBytes() == null
                ? "free space unknown"
                : bytes(ops.diskFreeBytes()) + " free of " + bytes(ops.diskTotalBytes()))
            + " ("
            + ops.dataDir()
            + "), database "
            + (ops.databaseBytes() == null ? "in memory" : bytes(ops.databaseBytes())));
    table.row(
        "backup",
        ops.lastBackupAt() == null
            ? "none yet"
            : "last " + ops.lastBackupAt() + " (" + ops.lastBackupFile() + ")");
    SyncView sync = ops.sync();
    table.row(
        "sync",
        sync == null || !sync.known()
            ? "unknown (no sync-agent reports its backlog)"
            : sync.backlog()
                + " entries waiting"
                + (sync.oldestUnsentSeconds() == null
                    ? ""
                    : ", oldest unsent " + uptime(sync.oldestUnsentSeconds()) + " old"));
    table.row(
        "health",
        (ops.healthy() ? "healthy" : ops.problems().size() + " problem(s), see alarms")
            + ", watchdog "
            + ops.watchdog());
  }

  /** "512 B", "3.4 MB", "12.1 GB" (powers of 1024, as df -h). */
  static String bytes(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** "3 d 4 h 5 min", "42 min", "17 s". */
  static String uptime(long seconds) {
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    if (days > 0) {
      return days + " d " + hours + " h " + minutes + " min";
    }
    if (hours > 0) {
      return hours + " h " + minutes + " min";
    }
    return minutes > 0 ? minutes + " min" : seconds + " s";
  }

  /** "500: 412 free, 80 occupied, ..." in the usual order, then any others by name. */
  static String counts(Map<String, Long> counts, List<String> order) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    order.forEach(key -> ordered.put(key, counts.getOrDefault(key, 0L)));
    new TreeMap<>(counts).forEach(ordered::putIfAbsent);
    long total = ordered.values().stream().mapToLong(Long::longValue).sum();
    List<String> parts = new ArrayList<>();
    ordered.forEach((key, count) -> parts.add(count + " " + key));
    return total + ": " + String.join(", ", parts);
  }

  private static String bus(BusView bus) {
    String rejected =
        bus.rejected().isEmpty()
            ? "none rejected"
            : "rejected "
                + String.join(
                    ", ",
                    new TreeMap<>(bus.rejected())
                        .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    return bus.name()
        + " on "
        + bus.port()
        + " ("
        + bus.protocol()
        + "): "
        + (bus.connected() ? "connected" : "DISCONNECTED")
        + ", "
        + bus.frames()
        + " frames, "
        + rejected;
  }

  private static String sign(SignView sign) {
    String shows = sign.shows().equals("blank") ? "blank" : sign.shows() + " " + sign.color();
    return sign.id() + " (zones " + String.join(", ", sign.zones()) + "): " + shows;
  }

  /** The label on the first line only; "none" when there is nothing. */
  private static void label(Table table, String label, List<String> lines) {
    if (lines.isEmpty()) {
      table.row(label, "none");
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      table.row(i == 0 ? label : "", lines.get(i));
    }
  }
}
