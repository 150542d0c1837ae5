package dev.parkedge.sync.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.sync.wire.EventBatch;
import dev.parkedge.sync.wire.WireEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revenue at head office comes from the ledger movements the gateway journals ({@code ledger.txn},
 * gateway/JOURNAL.md), counted per method and local day exactly as {@code parkedge report day}
 * counts them. (The end-to-end comparison with the gateway's own report is {@code
 * GatewayCollectorIT}.)
 */
class DayReportTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @TempDir Path dir;
  private final List<WireEvent> events = new ArrayList<>();

  /** A ledger.txn body as gateway's Ledger.entry writes it (postings elided to one pair). */
  private void txn(String at, String kind, String method, long amount) {
    String body =
        "{\"key\":\"k"
            + events.size()
            + "\",\"fingerprint\":\"f\",\"kind\":\""
            + kind
            + "\",\"ref\":\"S-1\",\"method\":"
            + (method == null ? "null" : "\"" + method + "\"")
            + ",\"currency\":\"EUR\",\"amount\":"
            + amount
            + ",\"postings\":[{\"account\":\"a\",\"debit\":"
            + amount
            + ",\"credit\":0},{\"account\":\"b\",\"debit\":0,\"credit\":"
            + amount
            + "}],\"detail\":{}}";
    events.add(
        new WireEvent(
            events.size() + 1,
            "ledger.txn",
            "T-" + events.size(),
            Instant.parse(at).toEpochMilli(),
            true,
            "boot",
            1,
            body));
  }

  @Test
  void revenue_by_method_is_payments_and_top_ups_less_refunds_of_the_sites_local_day()
      throws Exception {
    txn("2026-11-20T22:59:59Z", "payment", "cash", 100); // 23:59:59 the day before, in Berlin
    txn("2026-11-20T23:00:00Z", "payment", "cash", 400); // 00:00 local
    txn("2026-11-21T09:00:00Z", "charge", null, 600);
    txn("2026-11-21T09:00:00Z", "payment", "pay_station", 600);
    txn("2026-11-21T10:00:00Z", "payment", "cloud", 400);
    txn("2026-11-21T11:00:00Z", "refund", "cloud", 200);
    txn("2026-11-21T12:00:00Z", "top_up", "kiosk", 5000);
    txn("2026-11-21T22:59:59Z", "payment", "cash", 50); // 23:59:59 local
    txn("2026-11-21T23:00:00Z", "payment", "cash", 70); // the next day

    try (EventStore store =
        EventStore.open("jdbc:sqlite:" + dir.resolve("hq.db"), null, null, "acme")) {
      store.store(new EventBatch("s1", "b1", events, List.of(), List.of()), 1);
      DayReport report =
          DayReport.of(store.connection(), "acme", "s1", LocalDate.parse("2026-11-21"), BERLIN);

      assertThat(report.revenueByMethod())
          .containsOnlyKeys("cash", "cloud", "kiosk", "pay_station")
          .containsEntry("cash", new DayReport.MethodTotals("EUR", 2, 450, 0, 0, 0, 0))
          .containsEntry("cloud", new DayReport.MethodTotals("EUR", 1, 400, 1, 200, 0, 0))
          .containsEntry("kiosk", new DayReport.MethodTotals("EUR", 0, 0, 0, 0, 1, 5000))
          .containsEntry("pay_station", new DayReport.MethodTotals("EUR", 1, 600, 0, 0, 0, 0));
      assertThat(report.revenueByMethod().get("cloud").net()).isEqualTo(200);
      assertThat(report.text()).contains("  cloud: net 200 EUR (1 payments 400, 1 refunds 200,");
      assertThat(report.csv()).contains("s1,2026-11-21,cash,EUR,2,450,0,0,0,0,450");
    }
  }
}
