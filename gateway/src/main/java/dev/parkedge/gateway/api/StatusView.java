package dev.parkedge.gateway.api;

import java.util.List;
import java.util.Map;

/**
 * The gateway at a glance, as {@code parkedge status --json} prints it.
 *
 * @param spaces count of spaces per state (free, occupied, reserved, maintenance, unknown)
 * @param devices count of devices per health verdict (ok, degraded, stale, orphan)
 * @param storage "ok" or why not
 * @param alarms current alarms, one line each (empty when all is well)
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
    List<String> alarms) {

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
}
