package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.billing.Money;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's closing texts: the gateway's own day report, and whether head office agrees. */
final class DemoReports {

  private DemoReports() {}

  /** The gateway's day report (the API's {@code GET /reports/day}) as text. */
  static String gatewayDay(
      Map<String, Object> day,
      int openSessions,
      List<Object> violations,
      Map<String, Integer> reservations) {
    Currency currency = Currency.getInstance((String) day.get("currency"));
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Site day %s (%s): %d ledger movements, ledger %s%n",
            day.get("date"),
            day.get("timezone"),
            ((Number) day.get("movements")).longValue(),
            Boolean.TRUE.equals(day.get("balanced")) ? "balances" : "DOES NOT BALANCE"));
    text.append("Payments by method:\n");
    for (Object row : (List<?>) day.get("methods")) {
      Map<?, ?> m = (Map<?, ?>) row;
      long payments = ((Number) m.get("payments")).longValue();
      long refunds = ((Number) m.get("refunds")).longValue();
      if (payments == 0 && refunds == 0) {
        continue;
      }
      text.append(
          String.format(
              Locale.ROOT,
              "  %-12s %3d paid %12s, %d refunded %s%n",
              m.get("method"),
              payments,
              money(m.get("paid"), currency),
              refunds,
              money(m.get("refunded"), currency)));
    }
    text.append("Charged by account: ");
    Map<?, ?> charges = (Map<?, ?>) day.get("charges");
    if (charges.isEmpty()) {
      text.append("none");
    }
    charges.forEach(
        (account, minor) ->
            text.append(account).append(' ').append(money(minor, currency)).append("  "));
    text.append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "Exits %d, unpaid %d; sessions still open %d%n",
            ((Number) day.get("exits")).longValue(),
            ((List<?>) day.get("unpaid_exits")).size(),
            openSessions));
    text.append("Reservations: ").append(reservations).append('\n');
    text.append("Violations: ")
        .append(violations.size())
        .append(' ')
        .append(Demo.byKey(violations, "kind"))
        .append('\n');
    for (Object v : violations) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (((Number) m.get("penalty")).longValue() == 0) {
        continue; // the kinds without a penalty are counted above
      }
      text.append(
          String.format(
              Locale.ROOT,
              "  %s %s of %s, penalty %s: %s%n",
              m.get("id"),
              m.get("kind"),
              m.get("ref"),
              money(m.get("penalty"), currency),
              m.get("detail")));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "Revenue (payments less refunds): %s%n",
            money(Demo.revenue(day), currency)));
    return text.toString();
  }

  /** One line: do the two sides agree, and did every event reach head office. */
  static String agreement(
      long gateway,
      long headOffice,
      Currency currency,
      boolean drained,
      long journalHead,
      long acked,
      long held) {
    String money =
        gateway == headOffice
            ? "revenue agrees: gateway " + money(gateway, currency) + " = head office"
            : "revenue DIFFERS: gateway "
                + money(gateway, currency)
                + ", head office "
                + money(headOffice, currency);
    String sync =
        drained
            ? String.format(
                Locale.ROOT,
                "sync drained: backlog 0, collector acked seq %d of %d and holds %d events",
                acked,
                journalHead,
                held)
            : String.format(
                Locale.ROOT,
                "sync NOT drained: collector acked seq %d of %d (holds %d events)",
                acked,
                journalHead,
                held);
    return money + "; " + sync;
  }

  private static String money(Object minor, Currency currency) {
    return Money.ofMinor(((Number) minor).longValue(), currency).toString();
  }
}
