package dev.parkedge.gateway.api.coap;

import static dev.parkedge.gateway.api.coap.ParkingRequest.bad;

import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.api.Role.Permission;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * The lane and kiosk API (gateway/API.md, "Reservations, lanes, payments"): reservations,
 * availability, scans and loops, manual gate openings, sessions and quotes, payments, refunds,
 * wallets, the day report and violations.
 */
final class ParkingResources {

  private static final List<String> SOURCES = List.of("kiosk", "operator", "cloud", "lane", "api");

  private final ParkingApi api;
  private final ParkingRoute root;

  private ParkingResources(ParkingApi api, ControlCalls calls, Duration timeout) {
    this.api = api;
    this.root = new ParkingRoute("", api, calls, timeout);
  }

  static List<ParkingRoute> build(ParkingApi api, ControlCalls calls, Duration timeout) {
    return new ParkingResources(api, calls, timeout).routes();
  }

  private List<ParkingRoute> routes() {
    return List.of(
        reservations(),
        root.route("availability").get(Permission.VIEW, this::availability),
        lanes(),
        sessions(),
        root.route("payments").post(Permission.PAY, this::pay, ResponseCode.CREATED),
        root.route("refunds").post(Permission.REFUND, this::refund, ResponseCode.CREATED),
        wallets(),
        root.route("reports").child(root.route("day").get(Permission.VIEW, this::day)),
        root.route("violations").get(Permission.VIEW, r -> api.violations()));
  }

  // ---- reservations -------------------------------------------------------------------------

  private ParkingRoute reservations() {
    return root.route("reservations")
        .get(Permission.VIEW, this::listReservations)
        .post(Permission.BOOK, this::createReservation, ResponseCode.CREATED)
        .each(
            id ->
                root.route(id)
                    .get(Permission.VIEW, r -> api.reservation(id))
                    .child(
                        root.route("cancel")
                            .post(
                                Permission.BOOK,
                                r -> {
                                  r.only("idempotency_key");
                                  return api.cancelReservation(
                                      id, r.optionalText("idempotency_key").orElse(null));
                                },
                                ResponseCode.CHANGED)));
  }

  private java.util.concurrent.CompletableFuture<Object> createReservation(ParkingRequest r)
      throws RefusedRequest {
    r.only(
        "idempotency_key",
        "space",
        "zone",
        "kinds",
        "start",
        "end",
        "plate",
        "method",
        "wallet",
        "source");
    String key = r.text("idempotency_key");
    String space = r.optionalText("space").orElse(null);
    String zone = r.optionalText("zone").orElse(null);
    if (space == null && zone == null) {
      throw bad("give \"space\" or \"zone\" (any space of the zone with the \"kinds\" asked for)");
    }
    Set<SpaceKind> kinds = kinds(r.texts("kinds"));
    Instant start = r.instant("start");
    Instant end = r.instant("end");
    if (!end.isAfter(start)) {
      throw bad("the window ends (" + end + ") before it starts (" + start + ")");
    }
    String source = r.optionalText("source").orElse(r.caller.role().jsonName());
    if (!SOURCES.contains(source)) {
      throw bad(
          "\"source\" must be one of " + String.join(", ", SOURCES) + ", got \"" + source + "\"");
    }
    PaymentMethod method = method(r, source.equals("cloud") ? PaymentMethod.CLOUD : null);
    String wallet = wallet(r, method);
    String plate =
        r.optionalText("plate").map(p -> p.strip().toUpperCase(Locale.ROOT)).orElse(null);
    return api.createReservation(
        new ReservationRequest(
            key, r.fingerprint(), source, space, zone, kinds, start, end, plate, method, wallet));
  }

  private java.util.concurrent.CompletableFuture<Object> listReservations(ParkingRequest r)
      throws RefusedRequest {
    Instant now = Instant.now();
    Instant from =
        r.query("from") == null
            ? now.minus(Duration.ofDays(1))
            : ParkingRequest.parseInstant("from", r.query("from"));
    Instant to =
        r.query("to") == null
            ? now.plus(Duration.ofDays(30))
            : ParkingRequest.parseInstant("to", r.query("to"));
    Reservation.Status status = null;
    if (r.query("status") != null) {
      try {
        status = Reservation.Status.of(r.query("status"));
      } catch (IllegalArgumentException e) {
        throw bad(
            "status must be booked, checked_in, completed, cancelled or no_show, got \""
                + r.query("status")
                + "\"");
      }
    }
    return api.reservations(from, to, status, r.limit(100, 10_000));
  }

  private java.util.concurrent.CompletableFuture<Object> availability(ParkingRequest r)
      throws RefusedRequest {
    if (r.query("start") == null || r.query("end") == null) {
      throw bad("give ?start=…&end=… (ISO-8601 UTC instants)");
    }
    Instant start = ParkingRequest.parseInstant("start", r.query("start"));
    Instant end = ParkingRequest.parseInstant("end", r.query("end"));
    Set<SpaceKind> kinds =
        r.query("kinds") == null || r.query("kinds").isEmpty()
            ? Set.of()
            : kinds(Arrays.asList(r.query("kinds").toLowerCase(Locale.ROOT).split(",")));
    return api.availability(start, end, r.query("zone"), kinds, r.limit(50, 10_000));
  }

  private static Set<SpaceKind> kinds(List<String> names) throws RefusedRequest {
    Set<SpaceKind> kinds = new HashSet<>();
    for (String name : names) {
      SpaceKind kind =
          Arrays.stream(SpaceKind.values())
              .filter(k -> k.yamlName().equals(name))
              .findFirst()
              .orElse(null);
      if (kind == null) {
        throw bad(
            "unknown space kind \""
                + name
                + "\" (standard, ev, accessible, compact, motorcycle, reserved_only, family, large_vehicle)");
      }
      kinds.add(kind);
    }
    return kinds;
  }

  private static PaymentMethod method(ParkingRequest r, PaymentMethod fallback)
      throws RefusedRequest {
    var text = r.optionalText("method");
    if (text.isEmpty()) {
      return fallback;
    }
    return PaymentMethod.parse(text.get())
        .orElseThrow(
            () ->
                bad(
                    "\"method\" must be one of "
                        + PaymentMethod.names()
                        + ", got \""
                        + text.get()
                        + "\""));
  }

  private static String wallet(ParkingRequest r, PaymentMethod method) throws RefusedRequest {
    var wallet = r.optionalText("wallet");
    if (method == PaymentMethod.WALLET && wallet.isEmpty()) {
      throw bad("a wallet payment names its \"wallet\"");
    }
    if (method != PaymentMethod.WALLET && wallet.isPresent()) {
      throw bad("\"wallet\" goes with \"method\": \"wallet\" only");
    }
    return wallet.orElse(null);
  }

  // ---- lanes --------------------------------------------------------------------------------

  private ParkingRoute lanes() {
    return root.route("lanes")
        .each(
            name -> {
              ParkingRoute lane = root.route(name);
              lane.child(
                  root.route("scan")
                      .post(Permission.SCAN, r -> scan(lane(name), r), ResponseCode.CHANGED));
              lane.child(
                  root.route("loop")
                      .post(Permission.SCAN, r -> loop(lane(name), r), ResponseCode.CHANGED));
              lane.child(
                  root.route("open")
                      .post(Permission.OPEN_GATE, r -> open(lane(name), r), ResponseCode.CHANGED));
              return lane;
            });
  }

  private static int lane(String name) throws RefusedRequest {
    try {
      int lane = Integer.parseInt(name);
      if (lane < 0 || lane > 255) {
        throw bad("a lane is 0..255, got " + name);
      }
      return lane;
    } catch (NumberFormatException e) {
      throw bad("a lane is a number 0..255, got \"" + name + "\"");
    }
  }

  private java.util.concurrent.CompletableFuture<Object> scan(int lane, ParkingRequest r)
      throws RefusedRequest {
    r.only("kind", "text");
    String kindText = r.body.path("kind").asText("");
    PspMessage.ScanKind kind =
        Arrays.stream(PspMessage.ScanKind.values())
            .filter(k -> k.name().toLowerCase(Locale.ROOT).equals(kindText))
            .findFirst()
            .orElseThrow(
                () -> bad("\"kind\" must be qr, plate or ticket, got \"" + kindText + "\""));
    var textNode = r.body.get("text");
    if (textNode == null || !textNode.isTextual() || textNode.textValue().isBlank()) {
      throw bad("body has no \"text\" (what was read)");
    }
    int bytes = textNode.textValue().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > PspMessage.Scan.MAX_TEXT_BYTES) {
      throw new RefusedRequest(
          ResponseCode.REQUEST_ENTITY_TOO_LARGE,
          "scan text is " + bytes + " bytes, at most " + PspMessage.Scan.MAX_TEXT_BYTES);
    }
    return api.scan(lane, kind, textNode.textValue());
  }

  private java.util.concurrent.CompletableFuture<Object> loop(int lane, ParkingRequest r)
      throws RefusedRequest {
    r.only("present");
    if (r.body.get("present") == null || !r.body.get("present").isBoolean()) {
      throw bad("\"present\" must be true or false");
    }
    return api.loop(lane, r.flag("present"));
  }

  private java.util.concurrent.CompletableFuture<Object> open(int lane, ParkingRequest r)
      throws RefusedRequest {
    r.only("operator", "reason", "session");
    String operator = r.optionalText("operator").orElse(r.caller.name());
    return api.openGate(lane, operator, r.text("reason"), r.optionalText("session").orElse(null));
  }

  // ---- sessions -----------------------------------------------------------------------------

  private ParkingRoute sessions() {
    return root.route("sessions")
        .get(Permission.VIEW, this::listSessions)
        .each(
            id ->
                root.route(id)
                    .get(Permission.VIEW, r -> api.session(id))
                    .child(
                        root.route("quote")
                            .get(
                                Permission.VIEW,
                                r -> api.quote(id, "true".equals(r.query("lost_ticket"))))));
  }

  private java.util.concurrent.CompletableFuture<Object> listSessions(ParkingRequest r)
      throws RefusedRequest {
    Instant now = Instant.now();
    Instant from =
        r.query("from") == null
            ? now.minus(Duration.ofDays(1))
            : ParkingRequest.parseInstant("from", r.query("from"));
    Instant to =
        r.query("to") == null
            ? now.plus(Duration.ofDays(1))
            : ParkingRequest.parseInstant("to", r.query("to"));
    Session.Status status = null;
    if (r.query("status") != null) {
      try {
        status = Session.Status.of(r.query("status"));
      } catch (IllegalArgumentException e) {
        throw bad("status must be open or closed, got \"" + r.query("status") + "\"");
      }
    }
    return api.sessions(from, to, status, r.limit(100, 10_000));
  }

  // ---- money --------------------------------------------------------------------------------

  private java.util.concurrent.CompletableFuture<Object> pay(ParkingRequest r)
      throws RefusedRequest {
    r.only("idempotency_key", "ref", "amount", "currency", "method", "wallet", "lost_ticket");
    String key = r.text("idempotency_key");
    String ref = r.text("ref");
    long amount = r.amount("amount");
    r.currency(api.currency());
    PaymentMethod method = method(r, null);
    if (method == null) {
      throw bad("body has no \"method\" (" + PaymentMethod.names() + ")");
    }
    return api.pay(
        new Parking.Payment(
            key, r.fingerprint(), ref, amount, method, wallet(r, method), r.flag("lost_ticket")));
  }

  private java.util.concurrent.CompletableFuture<Object> refund(ParkingRequest r)
      throws RefusedRequest {
    r.only("idempotency_key", "payment", "amount", "currency", "reason");
    String key = r.text("idempotency_key");
    String payment = r.text("payment");
    long amount = r.amount("amount");
    r.currency(api.currency());
    return api.refund(key, r.fingerprint(), payment, amount, r.text("reason"));
  }

  private ParkingRoute wallets() {
    return root.route("wallets")
        .each(
            id ->
                root.route(id)
                    .get(Permission.VIEW, r -> api.wallet(id))
                    .child(
                        root.route("top-up")
                            .post(
                                Permission.TOP_UP,
                                r -> {
                                  r.only("idempotency_key", "amount", "currency", "method");
                                  String key = r.text("idempotency_key");
                                  long amount = r.amount("amount");
                                  r.currency(api.currency());
                                  PaymentMethod method = method(r, null);
                                  if (method == null || method == PaymentMethod.WALLET) {
                                    throw bad(
                                        "a top-up is paid by one of pay_station, kiosk, lane, cloud, cash");
                                  }
                                  return api.topUp(key, r.fingerprint(), id, amount, method);
                                },
                                ResponseCode.CREATED)));
  }

  private java.util.concurrent.CompletableFuture<Object> day(ParkingRequest r)
      throws RefusedRequest {
    String text = r.query("date");
    try {
      return api.dayReport(text == null ? null : LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw bad("date must be YYYY-MM-DD, got \"" + text + "\"");
    }
  }
}
