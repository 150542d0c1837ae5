package dev.parkedge.gateway.parking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole flow, one row per scenario: each row starts from an empty 10-space site at 08:00 UTC
 * and moves time while it reserves, scans, pays and leaves through the real API, checking the gate,
 * the charges and the journal on the way. The tariff is 2.00 per started hour (capped at 20.00 a
 * day), lost ticket +30.00, 15 min to leave after paying, booking grace 15 min either side.
 */
class ParkingScenariosIT {

  @TempDir Path dir;
  private ParkingSite site;

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        row(
            "reserve, enter by QR, park, overstay, pay the overstay, exit",
            f -> {
              JsonNode r = f.reserve("A-003", "09:00", "11:00", null);
              assertThat(r.path("price").asLong()).isEqualTo(400);
              f.sense("A-003", false);
              f.at("08:50");
              assertThat(f.space("A-003")).isEqualTo("reserved");
              f.at("08:55");
              JsonNode in = f.scan(ParkingSite.ENTRY, "qr", r.path("qr").asText());
              assertThat(in.path("open").asBoolean()).isTrue();
              assertThat(f.reservation(r).path("status").asText()).isEqualTo("checked_in");
              f.at("11:40");
              JsonNode out = f.scan(ParkingSite.EXIT, "qr", r.path("qr").asText());
              assertThat(out.path("open").asBoolean()).isFalse();
              assertThat(out.path("reason").asText()).isEqualTo("unpaid: 2.00 EUR due");
              f.pay(out.path("session").asText(), 200, "pay_station");
              f.at("11:45");
              assertThat(
                      f.scan(ParkingSite.EXIT, "qr", r.path("qr").asText())
                          .path("open")
                          .asBoolean())
                  .isTrue();
              assertThat(f.reservation(r).path("status").asText()).isEqualTo("completed");
              assertThat(f.site.gatesOpened).containsExactly(ParkingSite.ENTRY, ParkingSite.EXIT);
            }),
        row(
            "a reservation's plate checks in within the early grace and leaves on time for free",
            f -> {
              f.reserve("A-001", "09:00", "10:00", "AB123CD");
              f.at("08:46");
              JsonNode in = f.scan(ParkingSite.ENTRY, "plate", "ab-123 cd");
              assertThat(in.path("reason").asText()).startsWith("reservation R-");
              f.at("10:10");
              JsonNode out = f.scan(ParkingSite.EXIT, "plate", "AB123CD");
              assertThat(out.path("open").asBoolean()).isTrue();
              assertThat(out.path("reason").asText()).isEqualTo("exit: nothing due");
            }),
        row(
            "a plate booked as the driver writes it (dashes, spaces) checks in as the camera reads it",
            f -> {
              f.reserve("A-001", "09:00", "10:00", "B-PE 2001");
              f.at("08:50");
              JsonNode in = f.scan(ParkingSite.ENTRY, "plate", "BPE2001");
              assertThat(in.path("reason").asText()).startsWith("reservation R-");
            }),
        row(
            "drive-in pays at the pay station and leaves within the exit grace",
            f -> {
              JsonNode in = f.scan(ParkingSite.ENTRY, "ticket", "000123");
              assertThat(in.path("open").asBoolean()).isTrue();
              f.at("10:30");
              JsonNode quote = f.quote(in.path("session").asText());
              assertThat(quote.path("due").asLong()).isEqualTo(600);
              assertThat(quote.path("trace").size()).isPositive();
              f.pay(in.path("session").asText(), 600, "pay_station");
              f.at("10:44");
              assertThat(f.scan(ParkingSite.EXIT, "ticket", "000123").path("open").asBoolean())
                  .isTrue();
              JsonNode session = f.session(in.path("session").asText());
              assertThat(session.path("charged").asLong()).isEqualTo(600);
              assertThat(session.path("due").asLong()).isZero();
              assertThat(
                      session
                          .path("movements")
                          .get(0)
                          .path("detail")
                          .path("tariff_sha256")
                          .asText())
                  .hasSize(64);
            }),
        row(
            "a drive-in who paid but lingers past the exit grace pays the difference",
            f -> {
              JsonNode in = f.scan(ParkingSite.ENTRY, "ticket", "777");
              f.at("08:30");
              f.pay(in.path("session").asText(), 200, "kiosk");
              f.at("09:20");
              JsonNode out = f.scan(ParkingSite.EXIT, "ticket", "777");
              assertThat(out.path("open").asBoolean()).isFalse();
              assertThat(out.path("reason").asText()).isEqualTo("unpaid: 2.00 EUR due");
            }),
        row(
            "anti-passback: the same plate cannot enter twice without leaving",
            f -> {
              assertThat(f.scan(ParkingSite.ENTRY, "plate", "XY999").path("open").asBoolean())
                  .isTrue();
              JsonNode again = f.scan(ParkingSite.ENTRY, "plate", "XY999");
              assertThat(again.path("open").asBoolean()).isFalse();
              assertThat(again.path("reason").asText())
                  .startsWith("anti-passback: XY999 is already inside");
              assertThat(f.site.gatesOpened).containsExactly(ParkingSite.ENTRY);
            }),
        row(
            "a forged, a foreign and an already used QR code do not open the gate",
            f -> {
              JsonNode r = f.reserve("A-002", "08:00", "10:00", null);
              String qr = r.path("qr").asText();
              String forged =
                  qr.substring(0, qr.length() - 3) + (qr.endsWith("AAA") ? "BBB" : "AAA");
              assertThat(f.scan(ParkingSite.ENTRY, "qr", forged).path("reason").asText())
                  .isEqualTo("QR code refused: signature does not match (forged or altered code)");
              String foreign = qr.replaceFirst("^PE1\\.gw\\.", "PE1.other.");
              assertThat(f.scan(ParkingSite.ENTRY, "qr", foreign).path("reason").asText())
                  .isEqualTo("QR code refused: signed by an unknown key \"other\"");
              assertThat(f.scan(ParkingSite.ENTRY, "qr", qr).path("open").asBoolean()).isTrue();
              assertThat(f.scan(ParkingSite.ENTRY, "qr", qr).path("reason").asText())
                  .startsWith("already used");
              assertThat(f.site.gatesOpened).containsExactly(ParkingSite.ENTRY);
              assertThat(f.audits()).hasSize(4);
            }),
        row(
            "an expired QR code is refused",
            f -> {
              JsonNode r = f.reserve("A-002", "08:30", "09:00", null);
              f.at("09:20");
              assertThat(
                      f.scan(ParkingSite.ENTRY, "qr", r.path("qr").asText())
                          .path("reason")
                          .asText())
                  .startsWith("QR code refused: expired at ");
            }),
        row(
            "a no-show is released after the grace, journaled, and its space is free again",
            f -> {
              JsonNode r = f.reserve("A-004", "09:00", "11:00", null);
              f.sense("A-004", false);
              f.at("09:29");
              assertThat(f.space("A-004")).isEqualTo("reserved");
              f.at("09:31");
              assertThat(f.reservation(r).path("status").asText()).isEqualTo("no_show");
              assertThat(f.space("A-004")).isEqualTo("free");
              assertThat(f.reserveAnswer("A-004", "09:45", "11:00", null).code())
                  .isEqualTo(ResponseCode.CREATED);
            }),
        row(
            "cancelling more than an hour ahead refunds in full",
            f -> {
              JsonNode r = f.reserve("A-005", "12:00", "14:00", null);
              f.at("08:30");
              JsonNode cancelled = f.cancel(r);
              assertThat(cancelled.path("refunded").asLong()).isEqualTo(400);
              assertThat(f.cancel(r).path("refunded").asLong())
                  .as("a second cancel refunds nothing more")
                  .isEqualTo(400);
              assertThat(f.balanced()).isTrue();
            }),
        row(
            "cancelling late refunds nothing; cancelling after entry is refused",
            f -> {
              JsonNode late = f.reserve("A-005", "09:00", "10:00", null);
              JsonNode entered = f.reserve("A-006", "08:30", "10:00", null);
              f.at("08:40");
              assertThat(f.cancel(late).path("refunded").asLong()).isZero();
              f.scan(ParkingSite.ENTRY, "qr", entered.path("qr").asText());
              ParkingSite.Answer refused =
                  f.site.post(
                      ParkingSite.KIOSK,
                      Map.of(),
                      "reservations",
                      entered.path("id").asText(),
                      "cancel");
              assertThat(refused.code()).isEqualTo(ResponseCode.CONFLICT);
              assertThat(refused.error()).contains("is checked in");
            }),
        row(
            "a lost ticket pays the lost-ticket fee on top of the stay",
            f -> {
              JsonNode in = f.scan(ParkingSite.ENTRY, "plate", "LOST1");
              f.at("09:30");
              String id = in.path("session").asText();
              ParkingSite.Answer quote =
                  f.site.get(
                      ParkingSite.KIOSK, List.of("lost_ticket=true"), "sessions", id, "quote");
              assertThat(quote.body().path("due").asLong()).isEqualTo(3400);
              f.payLost(id, 3400);
              assertThat(f.scan(ParkingSite.EXIT, "plate", "LOST1").path("open").asBoolean())
                  .isTrue();
            }),
        row(
            "an operator opens the exit by hand: the session leaves unpaid with the operator's name",
            f -> {
              JsonNode in = f.scan(ParkingSite.ENTRY, "plate", "NOPAY");
              f.at("10:00");
              ParkingSite.Answer open =
                  f.site.post(
                      ParkingSite.OPERATOR,
                      Map.of(
                          "operator",
                          "Maria",
                          "reason",
                          "card reader broken",
                          "session",
                          in.path("session").asText()),
                      "lanes",
                      "2",
                      "open");
              assertThat(open.code()).isEqualTo(ResponseCode.CHANGED);
              JsonNode report =
                  f.site
                      .get(ParkingSite.VIEWER, List.of("date=2026-11-21"), "reports", "day")
                      .body();
              assertThat(report.path("unpaid_exits")).hasSize(1);
              assertThat(report.path("unpaid_exits").get(0).path("due").asLong()).isEqualTo(400);
              assertThat(report.path("unpaid_exits").get(0).path("reason").asText())
                  .isEqualTo("manual: Maria: card reader broken");
              assertThat(report.path("balanced").asBoolean()).isTrue();
            }),
        row(
            "a kiosk key cannot open a gate and a lane key cannot refund",
            f -> {
              ParkingSite.Answer kiosk =
                  f.site.post(ParkingSite.KIOSK, Map.of("reason", "x"), "lanes", "2", "open");
              assertThat(kiosk.code()).isEqualTo(ResponseCode.FORBIDDEN);
              assertThat(kiosk.error())
                  .isEqualTo("key \"front-kiosk\" (role kiosk) may not open-gate");
              ParkingSite.Answer lane =
                  f.site.post(
                      ParkingSite.LANE,
                      Map.of(
                          "idempotency_key",
                          "r",
                          "payment",
                          "T-1",
                          "amount",
                          1,
                          "currency",
                          "EUR",
                          "reason",
                          "x"),
                      "refunds");
              assertThat(lane.code()).isEqualTo(ResponseCode.FORBIDDEN);
              assertThat(f.site.gatesOpened).isEmpty();
            }),
        row(
            "a car on a held space moves the reservation to a free space of the zone",
            f -> {
              JsonNode r = f.reserve("A-001", "08:10", "09:00", null);
              f.occupy("A-001");
              JsonNode moved = f.reservation(r);
              assertThat(moved.path("space").asText()).isNotEqualTo("A-001");
              assertThat(f.journal("reservation.moved")).hasSize(1);
            }),
        row(
            "a refund of a payment is never issued twice",
            f -> {
              JsonNode r = f.reserve("A-007", "12:00", "13:00", null);
              String payment = r.path("payment").asText();
              Map<String, Object> body =
                  new LinkedHashMap<>(
                      Map.of(
                          "payment",
                          payment,
                          "amount",
                          200,
                          "currency",
                          "EUR",
                          "reason",
                          "goodwill"));
              body.put("idempotency_key", "refund-1");
              assertThat(f.site.post(ParkingSite.OPERATOR, body, "refunds").code())
                  .isEqualTo(ResponseCode.CREATED);
              assertThat(
                      f.site
                          .post(ParkingSite.OPERATOR, body, "refunds")
                          .body()
                          .path("replayed")
                          .asBoolean())
                  .isTrue();
              body.put("idempotency_key", "refund-2");
              ParkingSite.Answer second = f.site.post(ParkingSite.OPERATOR, body, "refunds");
              assertThat(second.code()).isEqualTo(ResponseCode.CONFLICT);
              assertThat(second.error())
                  .isEqualTo(
                      "payment " + payment + " has 0.00 EUR left to refund, less than 2.00 EUR");
            }));
  }

  private static Arguments row(String name, Consumer<Flow> steps) {
    return Arguments.of(name, steps);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void runs_the_whole_flow(String name, Consumer<Flow> steps) throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-21T08:00:00Z"));
    site = new ParkingSite(dir, TestSites.oneZone(10), clock).start();
    steps.accept(new Flow(site, clock));
  }

  /** The steps a scenario takes, each through the API. */
  static final class Flow {
    final ParkingSite site;
    final MovableClock clock;
    private int keys;

    Flow(ParkingSite site, MovableClock clock) {
      this.site = site;
      this.clock = clock;
    }

    static Instant t(String hhmm) {
      return Instant.parse("2026-11-21T" + hhmm + ":00Z");
    }

    /** Moves time to hh:mm and lets the domain's ticks run. */
    void at(String hhmm) {
      clock.set(t(hhmm));
      try {
        Thread.sleep(1300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    ParkingSite.Answer reserveAnswer(String space, String from, String to, String plate) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("idempotency_key", "key-" + ++keys);
      body.put("space", space);
      body.put("start", t(from).toString());
      body.put("end", t(to).toString());
      body.put("method", "kiosk");
      if (plate != null) {
        body.put("plate", plate);
      }
      return site.post(ParkingSite.KIOSK, body, "reservations");
    }

    JsonNode reserve(String space, String from, String to, String plate) {
      ParkingSite.Answer answer = reserveAnswer(space, from, to, plate);
      assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CREATED);
      return answer.body();
    }

    JsonNode reservation(JsonNode r) {
      return site.get(ParkingSite.VIEWER, List.of(), "reservations", r.path("id").asText()).body();
    }

    JsonNode cancel(JsonNode r) {
      ParkingSite.Answer answer =
          site.post(ParkingSite.KIOSK, Map.of(), "reservations", r.path("id").asText(), "cancel");
      assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CHANGED);
      return answer.body();
    }

    JsonNode scan(int lane, String kind, String text) {
      ParkingSite.Answer answer =
          site.post(
              ParkingSite.LANE,
              Map.of("kind", kind, "text", text),
              "lanes",
              Integer.toString(lane),
              "scan");
      assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CHANGED);
      return answer.body();
    }

    JsonNode quote(String session) {
      return site.get(ParkingSite.KIOSK, List.of(), "sessions", session, "quote").body();
    }

    JsonNode session(String session) {
      return site.get(ParkingSite.VIEWER, List.of(), "sessions", session).body();
    }

    void pay(String session, long amount, String method) {
      ParkingSite.Answer answer =
          site.post(
              ParkingSite.KIOSK,
              Map.of(
                  "idempotency_key",
                  "pay-" + ++keys,
                  "ref",
                  session,
                  "amount",
                  amount,
                  "currency",
                  "EUR",
                  "method",
                  method),
              "payments");
      assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CREATED);
    }

    void payLost(String session, long amount) {
      ParkingSite.Answer answer =
          site.post(
              ParkingSite.KIOSK,
              Map.of(
                  "idempotency_key",
                  "pay-" + ++keys,
                  "ref",
                  session,
                  "amount",
                  amount,
                  "currency",
                  "EUR",
                  "method",
                  "kiosk",
                  "lost_ticket",
                  true),
              "payments");
      assertThat(answer.code()).as(answer.body().toString()).isEqualTo(ResponseCode.CREATED);
    }

    String space(String id) {
      return site.gateway().control().spaces().stream()
          .filter(s -> s.id().equals(id))
          .findFirst()
          .orElseThrow()
          .state();
    }

    private int frames;

    void occupy(String spaceId) {
      sense(spaceId, true);
    }

    /** The space's sensor reports (occupied or free), and the domain's ticks run. */
    void sense(String spaceId, boolean occupied) {
      int n = Integer.parseInt(spaceId.substring(2));
      site.gateway()
          .sensingFrame(
              TestSites.BUS,
              new PspMessage.Occupancy(
                  TestSites.SENSOR_BASE + n,
                  ++frames,
                  occupied ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE,
                  3600,
                  20));
      at(clock.instant().toString().substring(11, 16));
    }

    boolean balanced() {
      return site.store().loadBalances().values().stream().mapToLong(Long::longValue).sum() == 0;
    }

    List<String> journal(String type) {
      return JournalReads.types(site.dir.resolve("parkedge.db"), type);
    }

    List<String> audits() {
      return journal("lane.scan");
    }
  }
}
