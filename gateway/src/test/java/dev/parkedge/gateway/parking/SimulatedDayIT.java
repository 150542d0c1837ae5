package dev.parkedge.gateway.parking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Done when": a whole day of a 500-space site through the API — bookings (some cancelled, some
 * no-shows, some overstaying), drive-ins paying at pay stations, kiosks and from wallets, lost
 * tickets, late leavers, manual openings — and at the end the ledger balances to the cent, every
 * fee is what the tariff engine says, every exit was paid or is listed unpaid with its reason, and
 * no space was booked twice.
 */
class SimulatedDayIT {

  @TempDir Path dir;

  private final Random random = new Random(20261121);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T05:00:00Z"));
  private ParkingSite site;
  private int keys;

  /** A car inside: its session and how it identifies at the exit. */
  private record Car(String session, String kind, String text, Instant leaves, boolean lost) {}

  @Test
  void a_day_of_a_500_space_site_balances_to_the_cent() throws Exception {
    site = new ParkingSite(dir, TestSites.oneZone(500), clock).start();
    try {
      runDay();
      check();
    } finally {
      site.close();
    }
  }

  private void runDay() throws Exception {
    topUp("W-1", 100_00);
    topUp("W-2", 50_00);
    List<JsonNode> bookings = book(160);
    Map<String, JsonNode> arriving = new HashMap<>();
    for (JsonNode b : bookings) {
      arriving.put(b.path("id").asText(), b);
    }
    cancelSome(bookings);
    List<Car> inside = new ArrayList<>();
    int manualOpens = 0;
    int tickets = 0;
    for (Instant t = Instant.parse("2026-11-21T06:00:00Z");
        t.isBefore(Instant.parse("2026-11-21T22:00:00Z"));
        t = t.plus(Duration.ofMinutes(10))) {
      clock.set(t);
      if (t.getEpochSecond() % 7200 == 0) {
        Thread.sleep(1200); // the domain's tick releases no-shows and holds spaces
      }
      // reservation drivers arrive near their start; one in eight never comes
      for (var it = arriving.values().iterator(); it.hasNext(); ) {
        JsonNode b = it.next();
        Instant start = Instant.parse(b.path("start").asText());
        if (!t.isBefore(start.minus(Duration.ofMinutes(10)))
            && t.isBefore(start.plus(Duration.ofMinutes(20)))) {
          it.remove();
          if (b.path("id").asText().hashCode() % 8 == 0) {
            continue;
          }
          boolean byPlate = !b.path("plate").isNull();
          JsonNode in =
              scan(
                  ParkingSite.ENTRY,
                  byPlate ? "plate" : "qr",
                  byPlate ? b.path("plate").asText() : b.path("qr").asText());
          if (in.path("open").asBoolean()) {
            Instant end = Instant.parse(b.path("end").asText());
            Instant leaves =
                end.plus(
                    Duration.ofMinutes(
                        random.nextInt(4) == 0 ? 40 + random.nextInt(90) : -random.nextInt(60)));
            inside.add(
                new Car(
                    in.path("session").asText(),
                    byPlate ? "plate" : "qr",
                    byPlate ? b.path("plate").asText() : b.path("qr").asText(),
                    leaves,
                    false));
          }
        }
      }
      // drive-ins
      int arrivals = hourOf(t) >= 7 && hourOf(t) < 18 ? 6 + random.nextInt(8) : random.nextInt(3);
      for (int i = 0; i < arrivals; i++) {
        String ticket = "T" + (++tickets);
        JsonNode in = scan(ParkingSite.ENTRY, "ticket", ticket);
        if (in.path("open").asBoolean()) {
          inside.add(
              new Car(
                  in.path("session").asText(),
                  "ticket",
                  ticket,
                  t.plus(Duration.ofMinutes(15 + random.nextInt(600))),
                  random.nextInt(50) == 0));
        }
      }
      // leavers: pay (or not), then the exit lane
      for (var it = inside.iterator(); it.hasNext(); ) {
        Car car = it.next();
        if (t.isBefore(car.leaves())) {
          continue;
        }
        it.remove();
        if (manualOpens < 3 && random.nextInt(40) == 0) {
          manualOpens++;
          ParkingSite.Answer open =
              site.post(
                  ParkingSite.OPERATOR,
                  Map.of(
                      "operator", "Jo", "reason", "driver without means", "session", car.session()),
                  "lanes",
                  "2",
                  "open");
          assertThat(open.code()).isEqualTo(ResponseCode.CHANGED);
          continue;
        }
        JsonNode quote =
            site.get(
                    ParkingSite.KIOSK,
                    car.lost() ? List.of("lost_ticket=true") : List.of(),
                    "sessions",
                    car.session(),
                    "quote")
                .body();
        long due = quote.path("due").asLong();
        if (due > 0) {
          pay(car.session(), due, car.lost());
        }
        clock.set(t.plus(Duration.ofMinutes(random.nextInt(10))));
        JsonNode out = scan(ParkingSite.EXIT, car.kind(), car.text());
        if (!out.path("open").asBoolean()) {
          // crossed into a new hour after paying at the machine: pay the difference at the lane
          JsonNode again =
              site.get(ParkingSite.LANE, List.of(), "sessions", car.session(), "quote").body();
          pay(car.session(), again.path("due").asLong(), false);
          assertThat(scan(ParkingSite.EXIT, car.kind(), car.text()).path("open").asBoolean())
              .isTrue();
        }
        clock.set(t);
      }
    }
    Thread.sleep(1200);
  }

  private static int hourOf(Instant t) {
    return (int) ((t.getEpochSecond() / 3600) % 24);
  }

  private List<JsonNode> book(int count) {
    List<JsonNode> booked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant start =
          Instant.parse("2026-11-21T07:00:00Z").plus(Duration.ofMinutes(15L * random.nextInt(52)));
      Instant end = start.plus(Duration.ofMinutes(60L + 30L * random.nextInt(8)));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("idempotency_key", "b-" + i);
      body.put("zone", "L1-A");
      body.put("start", start.toString());
      body.put("end", end.toString());
      if (i % 3 == 0) {
        body.put("plate", "PL" + i);
      }
      if (i % 10 == 0) {
        body.put("method", "wallet");
        body.put("wallet", i % 20 == 0 ? "W-1" : "W-2");
      } else {
        body.put("method", i % 2 == 0 ? "kiosk" : "cloud");
      }
      ParkingSite.Answer answer = site.post(ParkingSite.KIOSK, body, "reservations");
      if (answer.code() == ResponseCode.CREATED) {
        booked.add(answer.body());
      } else {
        assertThat(answer.error()).startsWith("wallet ");
      }
      // a kiosk retrying after a timeout gets the same reservation
      if (i % 25 == 0 && answer.code() == ResponseCode.CREATED) {
        ParkingSite.Answer retry = site.post(ParkingSite.KIOSK, body, "reservations");
        assertThat(retry.body().path("id").asText()).isEqualTo(answer.body().path("id").asText());
      }
    }
    return booked;
  }

  private void cancelSome(List<JsonNode> bookings) {
    for (int i = 0; i < bookings.size(); i += 9) {
      JsonNode b = bookings.remove(i);
      assertThat(
              site.post(
                      ParkingSite.KIOSK, Map.of(), "reservations", b.path("id").asText(), "cancel")
                  .code())
          .isEqualTo(ResponseCode.CHANGED);
    }
  }

  private void topUp(String wallet, long amount) {
    assertThat(
            site.post(
                    ParkingSite.KIOSK,
                    Map.of(
                        "idempotency_key",
                        "top-" + wallet,
                        "amount",
                        amount,
                        "currency",
                        "EUR",
                        "method",
                        "kiosk"),
                    "wallets",
                    wallet,
                    "top-up")
                .code())
        .isEqualTo(ResponseCode.CREATED);
  }

  private JsonNode scan(int lane, String kind, String text) {
    ParkingSite.Answer answer =
        site.post(
            lane == ParkingSite.ENTRY ? ParkingSite.LANE : ParkingSite.LANE,
            Map.of("kind", kind, "text", text),
            "lanes",
            Integer.toString(lane),
            "scan");
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CHANGED);
    return answer.body();
  }

  private void pay(String session, long amount, boolean lost) {
    String[] methods = {"pay_station", "kiosk", "lane", "cash"};
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("idempotency_key", "p-" + ++keys);
    body.put("ref", session);
    body.put("amount", amount);
    body.put("currency", "EUR");
    body.put("method", methods[random.nextInt(methods.length)]);
    if (lost) {
      body.put("lost_ticket", true);
    }
    ParkingSite.Answer answer = site.post(ParkingSite.KIOSK, body, "payments");
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CREATED);
    if (keys % 17 == 0) {
      ParkingSite.Answer retry = site.post(ParkingSite.KIOSK, body, "payments");
      assertThat(retry.body().path("id").asText())
          .as("a retried payment is recorded once")
          .isEqualTo(answer.body().path("id").asText());
    }
  }

  private void check() {
    Tariff tariff = ParkingSite.tariff();
    JsonNode report =
        site.get(ParkingSite.VIEWER, List.of("date=2026-11-21"), "reports", "day").body();
    // the ledger balances to the cent
    assertThat(report.path("balanced").asBoolean()).isTrue();
    assertThat(report.path("debits").asLong()).isEqualTo(report.path("credits").asLong());
    assertThat(site.store().loadBalances().values().stream().mapToLong(Long::longValue).sum())
        .isZero();
    // every fee is the tariff engine's
    List<Session> exited =
        site.store()
            .exitedBetween(
                Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(exited.size()).isGreaterThan(500);
    Set<String> unpaid = new HashSet<>();
    report
        .path("unpaid_exits")
        .forEach(
            u -> {
              assertThat(u.path("reason").asText()).startsWith("manual: Jo: ");
              unpaid.add(u.path("session").asText());
            });
    assertThat(unpaid).isNotEmpty();
    for (Session s : exited) {
      List<LedgerTxn> txns = site.store().forRef(s.id());
      long charged =
          txns.stream()
              .filter(t -> t.kind() == LedgerTxn.Kind.CHARGE)
              .mapToLong(LedgerTxn::amount)
              .sum();
      Stay stay = Stay.of(s.entry(), s.exit()).withLostTicket(s.lostTicket());
      if (s.paidAt() != null) {
        stay = stay.withPaymentAt(s.paidAt());
      }
      if (s.reservationId() != null) {
        Reservation r = site.store().find(s.reservationId()).orElseThrow();
        stay = stay.withBooking(new Stay.Booking(r.start(), r.end()));
      }
      assertThat(charged).as("fee of %s", s.id()).isEqualTo(tariff.quote(stay).amount().minor());
      long due = 0;
      for (LedgerTxn t : txns) {
        due +=
            t.postings().stream()
                .filter(p -> p.account().equals(Accounts.due(s.id())))
                .mapToLong(p -> p.net())
                .sum();
      }
      // every exit was paid, or is listed unpaid with its reason
      assertThat(due == 0 || unpaid.contains(s.id()))
          .as("exit of %s paid or listed", s.id())
          .isTrue();
    }
    // every booking cost what the tariff says, and none overlaps another on its space
    List<Reservation> all =
        site.store()
            .list(
                Instant.parse("2026-11-21T00:00:00Z"),
                Instant.parse("2026-11-22T00:00:00Z"),
                (Reservation.Status) null,
                10_000);
    for (Reservation r : all) {
      assertThat(r.price()).isEqualTo(tariff.quote(Stay.of(r.start(), r.end())).amount().minor());
    }
    JsonNode listed =
        site.get(
                ParkingSite.VIEWER,
                List.of("from=2026-11-21T00:00:00Z", "to=2026-11-22T00:00:00Z", "limit=10000"),
                "reservations")
            .body();
    List<JsonNode> kept = new ArrayList<>();
    listed.forEach(
        r -> {
          if (!r.path("status").asText().equals("cancelled")
              && !r.path("status").asText().equals("no_show")) {
            kept.add(r);
          }
        });
    ParkingConcurrencyIT.assertNoOverlap(
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(kept));
    assertThat(all.stream().filter(r -> r.status() == Reservation.Status.NO_SHOW)).isNotEmpty();
    assertThat(all.stream().filter(r -> r.status() == Reservation.Status.CANCELLED)).isNotEmpty();
    assertThat(all.stream().filter(r -> r.status() == Reservation.Status.COMPLETED)).isNotEmpty();
  }
}
