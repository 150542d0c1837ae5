package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.billing.TraceLine;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.ledger.Posting;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.parking.Done;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.parking.Refusal;
import dev.parkedge.gateway.reservation.Availability;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.gateway.reservation.ReservationService;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.session.SessionService;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the lane and kiosk API: looks up what storage already committed (idempotency keys,
 * payments to refund, lists, reports) on the caller's thread, hands every decision to the domain
 * thread, and completes once the decision is durable. Nothing here blocks the domain thread.
 */
final class ParkingControl implements ParkingApi {

  private final Gateway gateway;
  private final ParkingRuntime runtime;
  private final ParkingParts parts;
  private final Currency currency;

  ParkingControl(Gateway gateway, ParkingRuntime runtime) {
    this.gateway = gateway;
    this.runtime = runtime;
    this.parts = runtime.parts();
    this.currency = parts.tariff().currency();
  }

  private Parking parking() {
    return runtime.parking();
  }

  @Override
  public ApiKeys keys() {
    return parts.apiKeys();
  }

  @Override
  public Currency currency() {
    return currency;
  }

  /** Runs a decision on the domain thread; completes with its view once durable. */
  private <T> CompletableFuture<Object> decide(Callable<Done<T>> task, ViewOf<T> view) {
    return gateway
        .submit(task)
        .thenCompose(done -> done.durable().thenApply(seq -> view.of(done.value())));
  }

  private interface ViewOf<T> {
    Object of(T value);
  }

  private CompletableFuture<Object> read(Callable<Object> task) {
    return gateway.submit(task);
  }

  private static CompletableFuture<Object> refused(Refusal refusal) {
    return CompletableFuture.failedFuture(refusal);
  }

  // ---- reservations -------------------------------------------------------------------------

  @Override
  public CompletableFuture<Object> createReservation(ReservationRequest request) {
    Optional<Reservation> stored = parts.reservations().findByKey(request.key());
    if (stored.isPresent()) {
      try {
        ReservationService.Booked booked = ReservationService.replay(stored.get(), request);
        return CompletableFuture.completedFuture(reservationView(booked.reservation(), true));
      } catch (Refusal refusal) {
        return refused(refusal);
      }
    }
    return decide(
        () -> parking().book(request),
        booked -> reservationView(booked.reservation(), booked.replayed()));
  }

  @Override
  public CompletableFuture<Object> cancelReservation(String id, String key) {
    Optional<Reservation> stored = parts.reservations().find(id);
    if (stored.isPresent() && stored.get().status() == Reservation.Status.CANCELLED) {
      Map<String, Object> view = reservationView(stored.get(), true);
      view.put(
          "refunded",
          parts.ledger().forRef(id).stream()
              .filter(t -> t.kind() == LedgerTxn.Kind.REFUND)
              .mapToLong(LedgerTxn::amount)
              .sum());
      return CompletableFuture.completedFuture(view);
    }
    LedgerTxn payment = null;
    long refunded = 0;
    if (stored.isPresent() && stored.get().paymentId() != null) {
      payment = parts.ledger().findTxn(stored.get().paymentId()).orElse(null);
      refunded = payment == null ? 0 : parts.ledger().refunded(payment.id());
    }
    LedgerTxn paid = payment;
    long already = refunded;
    return decide(
        () -> parking().cancel(id, paid, already, key),
        cancelled -> {
          Map<String, Object> view = reservationView(cancelled.reservation(), false);
          view.put("refunded", cancelled.refunded());
          return view;
        });
  }

  @Override
  public CompletableFuture<Object> reservation(String id) {
    return read(() -> parking().reservations().active(id))
        .thenApply(
            active -> {
              @SuppressWarnings("unchecked")
              Optional<Reservation> live = (Optional<Reservation>) active;
              Optional<Reservation> found = live.isPresent() ? live : parts.reservations().find(id);
              if (found.isEmpty()) {
                throw new java.util.concurrent.CompletionException(
                    Refusal.notFound("no reservation \"" + id + "\""));
              }
              return reservationView(found.get(), false);
            });
  }

  @Override
  public CompletableFuture<Object> reservations(
      Instant from, Instant to, Reservation.Status status, int limit) {
    List<Object> views = new ArrayList<>();
    for (Reservation r : parts.reservations().list(from, to, status, limit)) {
      views.add(reservationView(r, false));
    }
    return CompletableFuture.completedFuture(views);
  }

  @Override
  public CompletableFuture<Object> availability(
      Instant start, Instant end, String zone, Set<SpaceKind> kinds, int limit) {
    return read(
        () -> availabilityView(start, end, parking().available(start, end, zone, kinds, limit)));
  }

  // ---- lanes --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Object> scan(int lane, ScanKind kind, String text) {
    return decide(() -> parking().scan(lane, kind, text), this::decisionView);
  }

  @Override
  public CompletableFuture<Object> loop(int lane, boolean present) {
    return decide(() -> parking().loop(lane, present), this::decisionView);
  }

  @Override
  public CompletableFuture<Object> openGate(
      int lane, String operator, String reason, String session) {
    return decide(() -> parking().manualOpen(lane, operator, reason, session), this::decisionView);
  }

  // ---- sessions -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Object> sessions(
      Instant from, Instant to, Session.Status status, int limit) {
    List<Object> views = new ArrayList<>();
    for (Session s : parts.sessions().list(from, to, status, limit)) {
      views.add(sessionView(s, parts.ledger().forRef(s.id()), false));
    }
    return CompletableFuture.completedFuture(views);
  }

  @Override
  public CompletableFuture<Object> session(String id) {
    Optional<Session> found = parts.sessions().findSession(id);
    if (found.isEmpty()) {
      return refused(Refusal.notFound("no session \"" + id + "\""));
    }
    return CompletableFuture.completedFuture(
        sessionView(found.get(), parts.ledger().forRef(id), true));
  }

  @Override
  public CompletableFuture<Object> quote(String sessionId, boolean lostTicket) {
    return read(
        () -> {
          SessionService.Due due = parking().sessions().quote(sessionId, lostTicket);
          Map<String, Object> view = new LinkedHashMap<>();
          view.put("session", sessionId);
          view.put("fee", due.quote().amount().minor());
          view.put("charged", due.charged());
          view.put("due", due.due());
          view.put("currency", currency.getCurrencyCode());
          view.put("lost_ticket", lostTicket);
          view.put("product", due.quote().product());
          view.put("trace", traceView(due.quote().trace()));
          view.put("tariff_sha256", due.quote().tariffSha256());
          return view;
        });
  }

  // ---- money --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Object> pay(Parking.Payment payment) {
    Optional<LedgerTxn> stored = parts.ledger().findTxnByKey(payment.key());
    if (stored.isPresent()) {
      return replayed(stored.get(), payment.key(), payment.fingerprint());
    }
    if (!payment.ref().startsWith("S-")
        && !payment.ref().startsWith("V-")
        && !payment.ref().startsWith("R-")) {
      return refused(
          Refusal.notFound("no session, reservation or violation \"" + payment.ref() + "\""));
    }
    boolean known =
        payment.ref().startsWith("S-")
            ? parts.sessions().findSession(payment.ref()).isPresent()
            : true;
    return decide(
        () -> {
          if (payment.ref().startsWith("S-")
              && parking().sessions().open(payment.ref()).isEmpty()
              && !known) {
            throw Refusal.notFound("no session \"" + payment.ref() + "\"");
          }
          return parking().pay(payment);
        },
        result -> txnView(result.value(), result.replayed()));
  }

  private CompletableFuture<Object> replayed(LedgerTxn stored, String key, String fingerprint) {
    try {
      return CompletableFuture.completedFuture(
          txnView(Parking.replay(stored, key, fingerprint).value(), true));
    } catch (Refusal refusal) {
      return refused(refusal);
    }
  }

  @Override
  public CompletableFuture<Object> topUp(
      String key, String fingerprint, String wallet, long amount, PaymentMethod method) {
    Optional<LedgerTxn> stored = parts.ledger().findTxnByKey(key);
    if (stored.isPresent()) {
      return replayed(stored.get(), key, fingerprint);
    }
    return decide(
        () -> parking().topUp(key, fingerprint, wallet, amount, method),
        result -> txnView(result.value(), result.replayed()));
  }

  @Override
  public CompletableFuture<Object> refund(
      String key, String fingerprint, String paymentId, long amount, String reason) {
    Optional<LedgerTxn> stored = parts.ledger().findTxnByKey(key);
    if (stored.isPresent()) {
      return replayed(stored.get(), key, fingerprint);
    }
    Optional<LedgerTxn> payment = parts.ledger().findTxn(paymentId);
    if (payment.isEmpty()) {
      return refused(Refusal.notFound("no payment \"" + paymentId + "\""));
    }
    long already = parts.ledger().refunded(paymentId);
    return decide(
        () -> parking().refund(key, fingerprint, payment.get(), already, amount, reason),
        result -> txnView(result.value(), result.replayed()));
  }

  @Override
  public CompletableFuture<Object> wallet(String id) {
    return read(
        () -> {
          Map<String, Object> view = new LinkedHashMap<>();
          view.put("id", id);
          view.put("holds", parking().ledger().walletHolds(id));
          view.put("currency", currency.getCurrencyCode());
          return view;
        });
  }

  @Override
  public CompletableFuture<Object> violations() {
    return read(
        () -> {
          List<Object> views = new ArrayList<>();
          for (Violation v : parking().enforcement().recent()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", v.id());
            view.put("kind", v.kind().jsonName());
            view.put("subject", v.subject());
            view.put("ref", v.ref());
            view.put("penalty", v.penalty());
            view.put("currency", currency.getCurrencyCode());
            view.put("at", v.at().toString());
            view.put("detail", v.detail());
            views.add(view);
          }
          return views;
        });
  }

  // ---- the day report -----------------------------------------------------------------------

  /**
   * Reconciliation for one local day of the site: per payment method what came in and went out,
   * charges per revenue account, whether every movement balances, and the sessions that left owing
   * money, with why.
   */
  @Override
  public CompletableFuture<Object> dayReport(LocalDate day) {
    LocalDate date = day;
    ZoneId zone = gateway.parts().layout().site().timezone();
    if (date == null) {
      date = LocalDate.ofInstant(gateway.parts().clock().instant(), zone);
    }
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
    List<LedgerTxn> txns = parts.ledger().between(from, to);
    Map<String, long[]> methods = new TreeMap<>();
    for (PaymentMethod method : PaymentMethod.values()) {
      methods.put(method.jsonName(), new long[6]);
    }
    Map<String, Long> charges = new TreeMap<>();
    long debits = 0;
    long credits = 0;
    for (LedgerTxn t : txns) {
      for (Posting p : t.postings()) {
        debits += p.debit();
        credits += p.credit();
      }
      switch (t.kind()) {
        case PAYMENT -> add(methods, t, 0);
        case REFUND -> add(methods, t, 2);
        case TOP_UP -> add(methods, t, 4);
        case CHARGE ->
            t.postings().stream()
                .filter(p -> p.credit() > 0)
                .forEach(p -> charges.merge(p.account(), p.credit(), Long::sum));
      }
    }
    List<Object> byMethod = new ArrayList<>();
    methods.forEach(
        (name, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("method", name);
          row.put("payments", n[0]);
          row.put("paid", n[1]);
          row.put("refunds", n[2]);
          row.put("refunded", n[3]);
          row.put("top_ups", n[4]);
          row.put("topped_up", n[5]);
          row.put("net", n[1] + n[5] - n[3]);
          byMethod.add(row);
        });
    List<Object> unpaid = new ArrayList<>();
    int exits = 0;
    for (Session s : parts.sessions().exitedBetween(from, to)) {
      exits++;
      long due = due(s.id(), parts.ledger().forRef(s.id()));
      if (due > 0) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session", s.id());
        row.put("vehicle", s.vehicle());
        row.put("exit", s.exit().toString());
        row.put("exit_lane", s.exitLane());
        row.put("due", due);
        row.put("reason", s.exitReason());
        unpaid.add(row);
      }
    }
    long total = 0;
    for (long balance : parts.ledger().loadBalances().values()) {
      total += balance;
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("date", date.toString());
    report.put("timezone", zone.getId());
    report.put("currency", currency.getCurrencyCode());
    report.put("movements", txns.size());
    report.put("debits", debits);
    report.put("credits", credits);
    report.put("balanced", debits == credits && total == 0);
    report.put("methods", byMethod);
    report.put("charges", charges);
    report.put("exits", exits);
    report.put("unpaid_exits", unpaid);
    return CompletableFuture.completedFuture(report);
  }

  private static void add(Map<String, long[]> methods, LedgerTxn t, int column) {
    long[] n = methods.get(t.method().jsonName());
    n[column]++;
    n[column + 1] += t.amount();
  }

  /** What the driver still owes for {@code ref}: its due account's postings. */
  private static long due(String ref, List<LedgerTxn> txns) {
    String account = Accounts.due(ref);
    long due = 0;
    for (LedgerTxn t : txns) {
      for (Posting p : t.postings()) {
        if (p.account().equals(account)) {
          due += p.net();
        }
      }
    }
    return due;
  }

  // ---- views --------------------------------------------------------------------------------

  Map<String, Object> reservationView(Reservation r, boolean replayed) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", r.id());
    view.put("status", r.status().jsonName());
    view.put("space", r.spaceId());
    view.put("zone", r.zoneId());
    view.put("kinds", r.kinds().stream().map(SpaceKind::yamlName).sorted().toList());
    view.put("start", r.start().toString());
    view.put("end", r.end().toString());
    view.put("plate", r.plate());
    view.put("price", r.price());
    view.put("currency", currency.getCurrencyCode());
    view.put("payment", r.paymentId());
    view.put("method", r.method() == null ? null : r.method().jsonName());
    view.put("source", r.source());
    view.put("created_at", r.createdAt().toString());
    view.put("checked_in_at", r.checkedInAt() == null ? null : r.checkedInAt().toString());
    view.put("session", r.sessionId());
    view.put(
        "qr",
        parts
            .qrTokens()
            .issue(r.id(), r.end().plus(parking().tariff().grace().bookingLate()))
            .orElse(null));
    view.put("replayed", replayed);
    return view;
  }

  private Map<String, Object> availabilityView(Instant start, Instant end, Availability a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("start", start.toString());
    view.put("end", end.toString());
    view.put("free", a.freeSpaces());
    view.put("zones", a.zones());
    view.put("spaces", a.spaces());
    return view;
  }

  private Object decisionView(SessionService.Decision d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("lane", d.lane());
    view.put("open", d.open());
    view.put("reason", d.reason());
    view.put("session", d.session() == null ? null : d.session().id());
    view.put("ticket", d.session() == null ? null : d.session().ticket());
    return view;
  }

  Map<String, Object> sessionView(Session s, List<LedgerTxn> txns, boolean withMovements) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    view.put("status", s.status().jsonName());
    view.put("vehicle", s.vehicle());
    view.put("ticket", s.ticket());
    view.put("plate", s.plate());
    view.put("reservation", s.reservationId());
    view.put("entry_lane", s.entryLane());
    view.put("entry", s.entry().toString());
    view.put("paid_at", s.paidAt() == null ? null : s.paidAt().toString());
    view.put("lost_ticket", s.lostTicket());
    view.put("exit_lane", s.exitLane());
    view.put("exit", s.exit() == null ? null : s.exit().toString());
    view.put("exit_reason", s.exitReason());
    long charged =
        txns.stream()
            .filter(t -> t.kind() == LedgerTxn.Kind.CHARGE)
            .mapToLong(LedgerTxn::amount)
            .sum();
    view.put("charged", charged);
    view.put("due", due(s.id(), txns));
    view.put("currency", currency.getCurrencyCode());
    if (withMovements) {
      List<Object> movements = new ArrayList<>();
      txns.forEach(t -> movements.add(txnView(t, false)));
      view.put("movements", movements);
    }
    return view;
  }

  Map<String, Object> txnView(LedgerTxn t, boolean replayed) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", t.id());
    view.put("kind", t.kind().jsonName());
    view.put("ref", t.ref());
    view.put("method", t.method() == null ? null : t.method().jsonName());
    view.put("amount", t.amount());
    view.put("currency", t.currency().getCurrencyCode());
    view.put("amount_text", Money.ofMinor(t.amount(), t.currency()).toString());
    view.put("at", t.at().toString());
    view.put("key", t.key());
    List<Object> postings = new ArrayList<>();
    for (Posting p : t.postings()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("account", p.account());
      line.put("debit", p.debit());
      line.put("credit", p.credit());
      postings.add(line);
    }
    view.put("postings", postings);
    view.put("detail", t.detail());
    view.put("replayed", replayed);
    return view;
  }

  private static List<Object> traceView(List<TraceLine> trace) {
    List<Object> lines = new ArrayList<>();
    for (TraceLine line : trace) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("kind", line.kind().jsonName());
      l.put("text", line.text());
      l.put("amount", line.amountMinor());
      lines.add(l);
    }
    return lines;
  }
}
