package dev.parkedge.sync.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One site's day at head office, from the stored events: occupancy by hour (time-weighted share of
 * known spaces shown {@code occupied}), peak hours, revenue by payment method (the gateway's {@code
 * ledger.txn} payments less its refunds, and {@code payment.*} bodies with {@code method}, {@code
 * amount_minor}, {@code currency}), sessions ({@code session.*}), violations ({@code violation.*},
 * {@code enforcement.*}) and device health ({@code device.health}). Text, CSV and an SVG bar chart.
 */
public record DayReport(
    String site,
    LocalDate day,
    ZoneId zone,
    double[] occupancyByHour,
    int spaces,
    Map<String, Long> revenueMinorByMethod,
    Map<String, Long> sessions,
    long violations,
    Map<String, String> deviceHealth,
    long deviceDegradations,
    long events) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static DayReport of(Connection db, String tenant, String site, LocalDate day, ZoneId zone)
      throws SQLException {
    long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
    long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    Map<String, Boolean> occupied = new HashMap<>();
    double[] occupiedMs = new double[24];
    long cursor = from;
    Map<String, Long> revenue = new TreeMap<>();
    Map<String, Long> sessions = new TreeMap<>();
    Map<String, String> health = new TreeMap<>();
    long violations = 0;
    long degradations = 0;
    long events = 0;
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT type, subject, at_ms, body FROM event WHERE tenant = ? AND site = ? AND at_ms"
                + " < ? AND (at_ms >= ? OR type = 'space.state') ORDER BY at_ms, seq")) {
      s.setString(1, tenant);
      s.setString(2, site);
      s.setLong(3, to);
      s.setLong(4, from);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(1);
          String subject = rows.getString(2);
          long at = rows.getLong(3);
          JsonNode body = parse(rows.getString(4));
          if (at >= from) {
            events++;
            cursor = accumulate(occupied, occupiedMs, cursor, at, from);
          }
          if (type.equals("space.state")) {
            occupied.put(subject, "occupied".equals(body.path("to").asText()));
          }
          if (at < from) {
            continue;
          }
          if (type.equals("ledger.txn")) {
            revenue(body, revenue);
          } else if (type.startsWith("payment.")) {
            String key =
                body.path("method").asText("unknown") + " " + body.path("currency").asText("");
            revenue.merge(key.trim(), body.path("amount_minor").asLong(0), Long::sum);
          } else if (type.startsWith("session.")) {
            sessions.merge(type.substring("session.".length()), 1L, Long::sum);
          } else if (type.startsWith("violation.") || type.startsWith("enforcement.")) {
            violations++;
          } else if (type.equals("device.health")) {
            String state = body.path("to").asText();
            health.put(subject, state);
            if (!state.equals("ok")) {
              degradations++;
            }
          }
        }
      }
    } finally {
      db.commit();
    }
    accumulate(occupied, occupiedMs, cursor, to, from);
    int spaces = occupied.size();
    double[] share = new double[24];
    for (int h = 0; h < 24; h++) {
      share[h] = spaces == 0 ? 0 : occupiedMs[h] / (3_600_000.0 * spaces);
    }
    return new DayReport(
        site,
        day,
        zone,
        share,
        spaces,
        revenue,
        sessions,
        violations,
        health,
        degradations,
        events);
  }

  /**
   * A gateway's ledger movement (gateway/JOURNAL.md {@code ledger.txn}): a {@code payment} is
   * revenue of its method, a {@code refund} gives it back; charges (what is owed) and top-ups
   * (money held in a wallet until it pays for something) are not revenue.
   */
  private static void revenue(JsonNode body, Map<String, Long> revenue) {
    long sign =
        switch (body.path("kind").asText()) {
          case "payment" -> 1;
          case "refund" -> -1;
          default -> 0;
        };
    if (sign != 0) {
      String key = body.path("method").asText("unknown") + " " + body.path("currency").asText("");
      revenue.merge(key.trim(), sign * body.path("amount").asLong(0), Long::sum);
    }
  }

  /** Adds the occupied space-milliseconds from {@code cursor} to {@code until}, hour by hour. */
  private static long accumulate(
      Map<String, Boolean> occupied, double[] occupiedMs, long cursor, long until, long dayStart) {
    if (until <= cursor) {
      return cursor;
    }
    long count = occupied.values().stream().filter(Boolean::booleanValue).count();
    long t = cursor;
    while (t < until) {
      int hour = (int) Math.min(23, (t - dayStart) / 3_600_000);
      long hourEnd = dayStart + (hour + 1) * 3_600_000L;
      long end = Math.min(until, hourEnd);
      occupiedMs[hour] += (double) count * (end - t);
      t = end;
    }
    return until;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The three busiest hours, busiest first. */
  public List<Integer> peakHours() {
    List<Integer> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(h);
    }
    hours.sort(
        Comparator.comparingDouble((Integer h) -> -occupancyByHour[h]).thenComparing(h -> h));
    return hours.subList(0, 3);
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Site %s, %s (%s): %d events, %d spaces%n",
            site,
            day,
            zone,
            events,
            spaces));
    out.append("Occupancy by hour:\n");
    for (int h = 0; h < 24; h++) {
      int pct = (int) Math.round(occupancyByHour[h] * 100);
      out.append(String.format(Locale.ROOT, "  %02d:00 %3d %% %s%n", h, pct, "#".repeat(pct / 4)));
    }
    out.append("Peak hours: ");
    List<String> peaks = new ArrayList<>();
    for (int h : peakHours()) {
      peaks.add(
          String.format(Locale.ROOT, "%02d:00 (%d %%)", h, Math.round(occupancyByHour[h] * 100)));
    }
    out.append(String.join(", ", peaks)).append('\n');
    out.append("Revenue by payment method (minor units):\n");
    if (revenueMinorByMethod.isEmpty()) {
      out.append("  none\n");
    }
    revenueMinorByMethod.forEach(
        (method, minor) -> out.append("  ").append(method).append(": ").append(minor).append('\n'));
    out.append("Sessions: ").append(sessions.isEmpty() ? "none" : sessions.toString()).append('\n');
    out.append("Violations: ").append(violations).append('\n');
    out.append("Device health: ")
        .append(deviceDegradations)
        .append(" degradations; last: ")
        .append(deviceHealth.isEmpty() ? "none reported" : deviceHealth.toString())
        .append('\n');
    return out.toString();
  }

  public String csv() {
    StringBuilder out = new StringBuilder("site,day,hour,occupancy_pct\n");
    for (int h = 0; h < 24; h++) {
      out.append(
          String.format(Locale.ROOT, "%s,%s,%02d,%.1f%n", site, day, h, occupancyByHour[h] * 100));
    }
    out.append("\nsite,day,payment_method,revenue_minor\n");
    revenueMinorByMethod.forEach(
        (m, v) ->
            out.append(site)
                .append(',')
                .append(day)
                .append(',')
                .append(m)
                .append(',')
                .append(v)
                .append('\n'));
    out.append("\nsite,day,metric,value\n");
    sessions.forEach(
        (k, v) ->
            out.append(site)
                .append(',')
                .append(day)
                .append(",sessions_")
                .append(k)
                .append(',')
                .append(v)
                .append('\n'));
    out.append(site).append(',').append(day).append(",violations,").append(violations).append('\n');
    out.append(site)
        .append(',')
        .append(day)
        .append(",device_degradations,")
        .append(deviceDegradations)
        .append('\n');
    return out.toString();
  }

  public String svg() {
    int width = 24 * 30 + 60;
    int height = 260;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            width,
            height));
    out.append(
        String.format(
            Locale.ROOT, "<title>Occupancy by hour, %s, %s</title>%n", escape(site), day));
    out.append(
        String.format(
            Locale.ROOT,
            "<text x=\"40\" y=\"16\">Occupancy by hour — %s, %s</text>%n",
            escape(site),
            day));
    out.append("<line x1=\"40\" y1=\"220\" x2=\"")
        .append(40 + 24 * 30)
        .append("\" y2=\"220\" stroke=\"#333\"/>\n");
    for (int pct = 0; pct <= 100; pct += 25) {
      int y = 220 - pct * 2;
      out.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%d%%</text>%n", y + 4, pct));
    }
    for (int h = 0; h < 24; h++) {
      double pct = occupancyByHour[h] * 100;
      int barHeight = (int) Math.round(pct * 2);
      out.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"%d\" fill=\"#3a7bd5\"><title>%02d:00 %.0f%%</title></rect>%n",
              42 + h * 30,
              220 - barHeight,
              barHeight,
              h,
              pct));
      out.append(
          String.format(Locale.ROOT, "<text x=\"%d\" y=\"236\">%02d</text>%n", 46 + h * 30, h));
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
