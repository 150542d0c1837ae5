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
 * known spaces shown {@code occupied}), peak hours, revenue by payment method (the gateway's own
 * ledger movements, {@code ledger.txn}: payments, refunds and top-ups per {@code method}, counted
 * by the movement's time in the site's day exactly as the gateway's {@code parkedge report day}
 * counts them), sessions ({@code session.*}), violations ({@code violation.*}, {@code
 * enforcement.*}) and device health ({@code device.health}). Text, CSV and an SVG bar chart.
 */
public record DayReport(
    String site,
    LocalDate day,
    ZoneId zone,
    double[] occupancyByHour,
    int spaces,
    Map<String, MethodTotals> revenueByMethod,
    Map<String, Long> sessions,
    long violations,
    Map<String, String> deviceHealth,
    long deviceDegradations,
    long events) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The journal type of a ledger movement (gateway/JOURNAL.md). */
  static final String LEDGER_TXN = "ledger.txn";

  /**
   * One payment method's day, in minor units of {@code currency}: the columns of the gateway's day
   * report ({@code methods}: {@code payments}, {@code paid}, {@code refunds}, {@code refunded},
   * {@code top_ups}, {@code topped_up}, {@code net}).
   */
  public record MethodTotals(
      String currency,
      long payments,
      long paid,
      long refunds,
      long refunded,
      long topUps,
      long toppedUp) {

    /** What came in net: payments and top-ups less refunds. */
    public long net() {
      return paid + toppedUp - refunded;
    }

    MethodTotals add(String kind, long amount) {
      return switch (kind) {
        case "payment" ->
            new MethodTotals(
                currency, payments + 1, paid + amount, refunds, refunded, topUps, toppedUp);
        case "refund" ->
            new MethodTotals(
                currency, payments, paid, refunds + 1, refunded + amount, topUps, toppedUp);
        case "top_up" ->
            new MethodTotals(
                currency, payments, paid, refunds, refunded, topUps + 1, toppedUp + amount);
        default -> this;
      };
    }
  }

  public static DayReport of(Connection db, String tenant, String site, LocalDate day, ZoneId zone)
      throws SQLException {
    long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
    long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    Map<String, Boolean> occupied = new HashMap<>();
    double[] occupiedMs = new double[24];
    long cursor = from;
    Map<String, MethodTotals> revenue = new TreeMap<>();
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
          if (type.equals(LEDGER_TXN)) {
            addMovement(revenue, body);
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

  /** A payment, refund or top-up counts for its method; a charge moves no money in or out. */
  private static void addMovement(Map<String, MethodTotals> revenue, JsonNode txn) {
    String kind = txn.path("kind").asText();
    if (!kind.equals("payment") && !kind.equals("refund") && !kind.equals("top_up")) {
      return;
    }
    String method = txn.path("method").asText("unknown");
    String currency = txn.path("currency").asText("");
    MethodTotals totals =
        revenue.getOrDefault(method, new MethodTotals(currency, 0, 0, 0, 0, 0, 0));
    revenue.put(method, totals.add(kind, txn.path("amount").asLong(0)));
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
    out.append("Revenue by payment method (minor units; net = paid + topped up - refunded):\n");
    if (revenueByMethod.isEmpty()) {
      out.append("  none\n");
    }
    revenueByMethod.forEach(
        (method, t) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "  %s: net %d %s (%d payments %d, %d refunds %d, %d top-ups %d)%n",
                    method,
                    t.net(),
                    t.currency(),
                    t.payments(),
                    t.paid(),
                    t.refunds(),
                    t.refunded(),
                    t.topUps(),
                    t.toppedUp())));
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
    out.append(
        "\nsite,day,payment_method,currency,payments,paid_minor,refunds,refunded_minor,top_ups,"
            + "topped_up_minor,net_minor\n");
    revenueByMethod.forEach(
        (m, t) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%s,%d,%d,%d,%d,%d,%d,%d%n",
                    site,
                    day,
                    m,
                    t.currency(),
                    t.payments(),
                    t.paid(),
                    t.refunds(),
                    t.refunded(),
                    t.topUps(),
                    t.toppedUp(),
                    t.net())));
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
