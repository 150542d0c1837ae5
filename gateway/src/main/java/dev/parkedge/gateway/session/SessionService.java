package dev.parkedge.gateway.session;

import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.billing.Quote;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.Ledger;
import dev.parkedge.gateway.ledger.LedgerRefusal;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.parking.Changes;
import dev.parkedge.gateway.parking.Refusal;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationService;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Entry and exit at the lanes, and paying for a stay. Decides whether a gate opens (the caller
 * commits the journal entries, then drives the gate): a reservation's QR code or plate checks in, a
 * drive-in gets a ticket, one open session per vehicle (anti-passback), and the exit opens only
 * when the tariff's fee for the stay is paid (or the exit grace after payment holds). Every scan,
 * accepted or refused, is journaled with its reason. Owned by the domain thread.
 */
public final class SessionService {

  /** The longest scan text kept in the audit entry. */
  static final int AUDIT_TEXT = 64;

  private final Map<Integer, Lane> lanes;
  private Tariff tariff;
  private final Ledger ledger;
  private final ReservationService reservations;
  private final QrTokens tokens;
  private final Clock clock;
  private final BooleanSupplier trusted;
  private final Ids ids;
  private final int spaces;
  private final Map<String, Session> open = new LinkedHashMap<>();
  private final Map<String, String> byVehicle = new HashMap<>();
  private final Map<String, String> byTicket = new HashMap<>();
  private final Map<String, String> byPlate = new HashMap<>();
  private final Map<String, String> byReservation = new HashMap<>();
  private final Map<String, Long> charged = new HashMap<>();

  public SessionService(
      List<Lane> lanes,
      Tariff tariff,
      Ledger ledger,
      ReservationService reservations,
      QrTokens tokens,
      int spaces,
      Clock clock,
      BooleanSupplier trusted,
      Ids ids) {
    Map<Integer, Lane> byNumber = new LinkedHashMap<>();
    lanes.forEach(lane -> byNumber.put(lane.number(), lane));
    this.lanes = Map.copyOf(byNumber);
    this.tariff = tariff;
    this.ledger = ledger;
    this.reservations = reservations;
    this.tokens = tokens;
    this.spaces = spaces;
    this.clock = clock;
    this.trusted = trusted;
    this.ids = ids;
  }

  /**
   * The tariff new quotes use from now on (a published tariff, activated on the domain thread).
   * Each charge keeps the hash of the tariff that priced it.
   */
  public void useTariff(Tariff next) {
    this.tariff = next;
  }

  /** The open sessions storage holds and what each was charged so far, at start. */
  public void restore(List<Session> saved, Map<String, Long> chargedSoFar) {
    for (Session session : saved) {
      index(session);
      charged.put(session.id(), chargedSoFar.getOrDefault(session.id(), 0L));
    }
  }

  public Optional<Lane> lane(int number) {
    return Optional.ofNullable(lanes.get(number));
  }

  public List<Lane> lanes() {
    return List.copyOf(lanes.values());
  }

  public Optional<Session> open(String id) {
    return Optional.ofNullable(open.get(id));
  }

  public List<Session> openSessions() {
    return List.copyOf(open.values());
  }

  /** What the gate does, why, and the session concerned (null when none). */
  public record Decision(int lane, boolean open, String reason, Session session) {}

  // ---- scans --------------------------------------------------------------------------------

  /** A lane device read a QR code, a plate or a ticket. */
  public Decision scan(int laneNumber, ScanKind kind, String text, Changes out) {
    Lane lane = lanes.get(laneNumber);
    Decision decision;
    if (lane == null) {
      decision = refuse(laneNumber, "no lane " + laneNumber + " in gateway.yaml");
    } else if (lane.direction() == Lane.Direction.ENTRY) {
      decision = enter(lane, kind, text, out);
    } else {
      decision = leave(lane, kind, text, out);
    }
    audit(laneNumber, lane, kind.name().toLowerCase(Locale.ROOT), text, decision, out);
    return decision;
  }

  /**
   * A loop detector at a lane: at a ticket-on-loop entry lane, a vehicle arriving gets a ticket.
   */
  public Decision loop(int laneNumber, boolean present, Changes out) {
    Lane lane = lanes.get(laneNumber);
    if (lane == null
        || !present
        || lane.direction() != Lane.Direction.ENTRY
        || !lane.ticketOnLoop()) {
      return new Decision(laneNumber, false, present ? "vehicle on the loop" : "loop clear", null);
    }
    Decision decision = driveIn(lane, null, null, out);
    audit(laneNumber, lane, "loop", "", decision, out);
    return decision;
  }

  private Decision enter(Lane lane, ScanKind kind, String text, Changes out) {
    Instant now = clock.instant();
    switch (kind) {
      case QR -> {
        QrTokens.Claim claim;
        try {
          claim = tokens.verify(text, now);
        } catch (QrTokens.Invalid invalid) {
          return refuse(lane.number(), "QR code refused: " + invalid.getMessage());
        }
        Optional<Reservation> reservation = reservations.active(claim.reservationId());
        if (reservation.isEmpty()) {
          return refuse(
              lane.number(),
              "QR code refused: reservation "
                  + claim.reservationId()
                  + " is not active (used, cancelled or released)");
        }
        return checkIn(lane, reservation.get(), null, out);
      }
      case PLATE -> {
        String plate = plate(text);
        String inside = byVehicle.get("plate:" + plate);
        if (inside != null) {
          return refuse(
              lane.number(),
              "anti-passback: " + plate + " is already inside (session " + inside + ")");
        }
        Optional<Reservation> reservation = reservations.bookedForPlate(plate, now);
        if (reservation.isPresent()) {
          return checkIn(lane, reservation.get(), plate, out);
        }
        return driveIn(lane, null, plate, out);
      }
      default -> {
        String ticket = text.strip();
        if (byTicket.containsKey(ticket)) {
          return refuse(lane.number(), "anti-passback: ticket " + ticket + " is already inside");
        }
        return driveIn(lane, ticket, null, out);
      }
    }
  }

  private Decision checkIn(Lane lane, Reservation reservation, String plate, Changes out) {
    Instant now = clock.instant();
    if (reservation.status() == Reservation.Status.CHECKED_IN) {
      return refuse(
          lane.number(),
          "already used: reservation "
              + reservation.id()
              + " checked in at "
              + reservation.checkedInAt());
    }
    if (!reservations.enterable(reservation, now)) {
      return refuse(
          lane.number(),
          "reservation "
              + reservation.id()
              + " is for "
              + reservation.start()
              + " to "
              + reservation.end());
    }
    String seen = plate != null ? plate : reservation.plate();
    String vehicle = seen != null ? "plate:" + plate(seen) : "reservation:" + reservation.id();
    String inside = byVehicle.get(vehicle);
    if (inside != null) {
      return refuse(
          lane.number(), "anti-passback: vehicle already inside (session " + inside + ")");
    }
    Session session =
        new Session(
            newId(),
            vehicle,
            null,
            seen == null ? null : plate(seen),
            reservation.id(),
            lane.number(),
            now,
            Session.Status.OPEN,
            null,
            false,
            null,
            null,
            null);
    index(session);
    charged.put(session.id(), 0L);
    out.add(entry("session.opened", session, Map.of()));
    reservations.checkIn(reservation, session.id(), out);
    return new Decision(
        lane.number(), true, "reservation " + reservation.id() + " checked in", session);
  }

  private Decision driveIn(Lane lane, String ticket, String plate, Changes out) {
    long driveIns = open.values().stream().filter(s -> s.reservationId() == null).count();
    long booked =
        reservations.allActive().stream()
            .filter(
                r ->
                    r.status() == Reservation.Status.CHECKED_IN
                        || reservations.enterable(r, clock.instant()))
            .count();
    if (driveIns + booked >= spaces) {
      return refuse(
          lane.number(),
          "lot full: "
              + driveIns
              + " drive-ins and "
              + booked
              + " reservations for "
              + spaces
              + " spaces");
    }
    String id = newId();
    String number = ticket != null ? ticket : id.substring(2);
    String vehicle = plate != null ? "plate:" + plate : "ticket:" + number;
    Session session =
        new Session(
            id,
            vehicle,
            number,
            plate,
            null,
            lane.number(),
            clock.instant(),
            Session.Status.OPEN,
            null,
            false,
            null,
            null,
            null);
    index(session);
    charged.put(id, 0L);
    out.add(entry("session.opened", session, Map.of()));
    return new Decision(lane.number(), true, "drive-in: ticket " + number, session);
  }

  private Decision leave(Lane lane, ScanKind kind, String text, Changes out) {
    Optional<Session> found = identify(kind, text);
    if (found.isEmpty()) {
      return refuse(
          lane.number(),
          "no open session for " + kind.name().toLowerCase(Locale.ROOT) + " " + shorten(text));
    }
    Session session = found.get();
    accrue(session, out);
    long due = ledger.due(session.id());
    if (due > 0) {
      return new Decision(
          lane.number(),
          false,
          "unpaid: " + Money.ofMinor(due, ledger.currency()) + " due",
          session);
    }
    String reason =
        session.paidAt() != null
            ? "paid"
            : charged.getOrDefault(session.id(), 0L) == 0 ? "nothing due" : "paid";
    Session closed = close(session, lane.number(), reason, out);
    return new Decision(lane.number(), true, "exit: " + reason, closed);
  }

  private Optional<Session> identify(ScanKind kind, String text) {
    String id =
        switch (kind) {
          // at the exit an expired code still names its reservation: overstays are charged
          case TICKET -> byTicket.get(text.strip());
          case PLATE -> byPlate.get(plate(text));
          case QR -> {
            try {
              yield byReservation.get(tokens.verify(text, Instant.EPOCH).reservationId());
            } catch (QrTokens.Invalid invalid) {
              yield null;
            }
          }
        };
    return Optional.ofNullable(id == null ? null : open.get(id));
  }

  // ---- manual opening -----------------------------------------------------------------------

  /**
   * An operator opens a gate by hand. At an exit, the session named (if any) is closed: charged up
   * to now and, if not paid, listed among the unpaid exits with the operator's name.
   */
  public Decision manualOpen(
      int laneNumber, String operator, String reason, String sessionId, Changes out)
      throws Refusal {
    Lane lane = lanes.get(laneNumber);
    if (lane == null) {
      throw Refusal.notFound("no lane " + laneNumber);
    }
    Session closed = null;
    if (sessionId != null) {
      Session session = open.get(sessionId);
      if (session == null) {
        throw Refusal.notFound("no open session \"" + sessionId + "\"");
      }
      accrue(session, out);
      closed = close(session, laneNumber, "manual: " + operator + ": " + reason, out);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lane", laneNumber);
    body.put("direction", lane.direction().jsonName());
    body.put("operator", operator);
    body.put("reason", reason);
    body.put("session", sessionId);
    body.put("due", sessionId == null ? null : ledger.due(sessionId));
    out.add(
        new JournalEntry(
            "lane.manual_open",
            "lane-" + laneNumber,
            clock.instant(),
            trusted.getAsBoolean(),
            body));
    return new Decision(laneNumber, true, "opened by " + operator + ": " + reason, closed);
  }

  // ---- quotes and payments ------------------------------------------------------------------

  /** The fee for an open session if it left now, and what of it is still due. */
  public record Due(Session session, Quote quote, long charged, long due) {}

  public Due quote(String sessionId, boolean lostTicket) throws Refusal {
    Session session = open.get(sessionId);
    if (session == null) {
      throw Refusal.notFound("no open session \"" + sessionId + "\"");
    }
    if (lostTicket) {
      session = session.withLostTicket();
    }
    Quote quote = tariff.quote(stay(session, clock.instant()));
    long so = charged.getOrDefault(sessionId, 0L);
    long due = ledger.due(sessionId) + Math.max(0, quote.amount().minor() - so);
    return new Due(session, quote, so, due);
  }

  /**
   * Pays what an open session owes now. The stay is charged up to now first (by the tariff, its
   * trace kept with the charge); the amount must be exactly what is then due.
   */
  public LedgerTxn pay(
      String sessionId,
      String key,
      String fingerprint,
      long amount,
      PaymentMethod method,
      String wallet,
      boolean lostTicket,
      Changes out)
      throws Refusal {
    Session session = open.get(sessionId);
    if (session == null) {
      throw Refusal.notFound("no open session \"" + sessionId + "\"");
    }
    Due due = quote(sessionId, lostTicket);
    if (due.due() == 0) {
      throw Refusal.conflict("session " + sessionId + " is settled: nothing is due");
    }
    if (amount != due.due()) {
      throw Refusal.conflict(
          "amount "
              + Money.ofMinor(amount, ledger.currency())
              + " does not match the "
              + Money.ofMinor(due.due(), ledger.currency())
              + " due");
    }
    if (method == PaymentMethod.WALLET && ledger.walletHolds(wallet) < amount) {
      throw Refusal.conflict(
          "wallet "
              + wallet
              + " holds "
              + Money.ofMinor(ledger.walletHolds(wallet), ledger.currency())
              + ", less than "
              + Money.ofMinor(amount, ledger.currency()));
    }
    if (lostTicket && !session.lostTicket()) {
      session = session.withLostTicket();
      replace(session);
    }
    accrue(session, out);
    LedgerTxn payment;
    try {
      payment = ledger.pay(key, fingerprint, sessionId, amount, method, wallet);
    } catch (LedgerRefusal e) {
      throw Refusal.conflict(e.getMessage());
    }
    out.add(Ledger.entry(payment, trusted.getAsBoolean()));
    Session paid = session.paid(clock.instant());
    replace(paid);
    out.add(entry("session.paid", paid, Map.of("payment", payment.id())));
    return payment;
  }

  /** Charges what the tariff says the stay costs up to now, beyond what was charged before. */
  private void accrue(Session session, Changes out) {
    Quote quote = tariff.quote(stay(session, clock.instant()));
    long so = charged.getOrDefault(session.id(), 0L);
    long more = quote.amount().minor() - so;
    if (more > 0) {
      LedgerTxn charge =
          ledger.charge(
              session.id(), Accounts.PARKING, more, ReservationService.chargeDetailOf(quote));
      charged.put(session.id(), quote.amount().minor());
      out.add(Ledger.entry(charge, trusted.getAsBoolean()));
    }
  }

  private Stay stay(Session session, Instant at) {
    Stay stay = Stay.of(session.entry(), at).withLostTicket(session.lostTicket());
    if (session.paidAt() != null) {
      stay = stay.withPaymentAt(session.paidAt());
    }
    if (session.reservationId() != null) {
      Optional<Reservation> r = reservations.active(session.reservationId());
      if (r.isPresent()) {
        stay = stay.withBooking(new Stay.Booking(r.get().start(), r.get().end()));
      }
    }
    return stay;
  }

  /** What was charged for each open session so far (enforcement, reports). */
  public long chargedSoFar(String sessionId) {
    return charged.getOrDefault(sessionId, 0L);
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  private Session close(Session session, int lane, String reason, Changes out) {
    Session closed = session.closed(lane, clock.instant(), reason);
    unindex(session);
    charged.remove(session.id());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("due", ledger.due(session.id()));
    out.add(entry("session.closed", closed, extra));
    if (session.reservationId() != null) {
      reservations.complete(session.reservationId(), out);
    }
    return closed;
  }

  private void index(Session s) {
    open.put(s.id(), s);
    byVehicle.put(s.vehicle(), s.id());
    if (s.ticket() != null) {
      byTicket.put(s.ticket(), s.id());
    }
    if (s.plate() != null) {
      byPlate.put(s.plate(), s.id());
    }
    if (s.reservationId() != null) {
      byReservation.put(s.reservationId(), s.id());
    }
  }

  private void replace(Session s) {
    open.put(s.id(), s);
  }

  private void unindex(Session s) {
    open.remove(s.id());
    byVehicle.remove(s.vehicle(), s.id());
    if (s.ticket() != null) {
      byTicket.remove(s.ticket(), s.id());
    }
    if (s.plate() != null) {
      byPlate.remove(s.plate(), s.id());
    }
    if (s.reservationId() != null) {
      byReservation.remove(s.reservationId(), s.id());
    }
  }

  private Decision refuse(int lane, String reason) {
    return new Decision(lane, false, reason, null);
  }

  private void audit(
      int laneNumber, Lane lane, String kind, String text, Decision decision, Changes out) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lane", laneNumber);
    body.put("direction", lane == null ? null : lane.direction().jsonName());
    body.put("kind", kind);
    body.put("text", shorten(text));
    body.put("open", decision.open());
    body.put("reason", decision.reason());
    body.put("session", decision.session() == null ? null : decision.session().id());
    out.add(
        new JournalEntry(
            "lane.scan", "lane-" + laneNumber, clock.instant(), trusted.getAsBoolean(), body));
  }

  private static String shorten(String text) {
    String t = text.strip();
    return t.length() <= AUDIT_TEXT ? t : t.substring(0, AUDIT_TEXT) + "…";
  }

  /** A plate as compared: upper case, without spaces and dashes. */
  public static String plate(String text) {
    return ReservationService.plateKey(text);
  }

  private String newId() {
    String id;
    do {
      id = ids.next("S");
    } while (open.containsKey(id));
    return id;
  }

  private JournalEntry entry(String type, Session s, Map<String, Object> extra) {
    return new JournalEntry(type, s.id(), clock.instant(), trusted.getAsBoolean(), body(s, extra));
  }

  /** The whole session in every session entry: storage projects it from any of them. */
  public static Map<String, Object> body(Session s, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", s.id());
    body.put("vehicle", s.vehicle());
    body.put("ticket", s.ticket());
    body.put("plate", s.plate());
    body.put("reservation", s.reservationId());
    body.put("entry_lane", s.entryLane());
    body.put("entry", s.entry().toString());
    body.put("status", s.status().jsonName());
    body.put("paid_at", s.paidAt() == null ? null : s.paidAt().toString());
    body.put("lost_ticket", s.lostTicket());
    body.put("exit_lane", s.exitLane());
    body.put("exit", s.exit() == null ? null : s.exit().toString());
    body.put("exit_reason", s.exitReason());
    body.putAll(extra);
    return body;
  }
}
