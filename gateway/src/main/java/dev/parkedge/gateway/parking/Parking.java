package dev.parkedge.gateway.parking;

import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.enforcement.EnforcementService;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.ledger.Ledger;
import dev.parkedge.gateway.ledger.LedgerRefusal;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.reservation.Availability;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.gateway.reservation.ReservationService;
import dev.parkedge.gateway.session.LaneGate;
import dev.parkedge.gateway.session.SessionService;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money-and-access side of the lot as one application path: reservations, lanes, payments,
 * enforcement. Every request runs on the domain thread, collects its journal entries, commits them
 * in one transaction, and completes its {@link Done#durable} only then; a gate is pulsed only after
 * the commit. The API, lane devices on the buses, and the sync-agent's commands all come through
 * here.
 */
public final class Parking {

  private static final Logger log = LoggerFactory.getLogger(Parking.class);

  /** Journal type of a tariff becoming the active one. */
  public static final String TARIFF_ACTIVATED = "tariff.activated";

  private final Journal journal;
  private final Ledger ledger;
  private final ReservationService reservations;
  private final SessionService sessions;
  private final EnforcementService enforcement;
  private final LaneGate gate;
  private final Clock clock;
  private final BooleanSupplier trusted;
  private volatile Tariff tariff;

  public Parking(
      Journal journal,
      Ledger ledger,
      ReservationService reservations,
      SessionService sessions,
      EnforcementService enforcement,
      LaneGate gate,
      Tariff tariff,
      Clock clock,
      BooleanSupplier trusted) {
    this.tariff = tariff;
    this.clock = clock;
    this.trusted = trusted;
    this.journal = journal;
    this.ledger = ledger;
    this.reservations = reservations;
    this.sessions = sessions;
    this.enforcement = enforcement;
    this.gate = gate;
  }

  public Ledger ledger() {
    return ledger;
  }

  public ReservationService reservations() {
    return reservations;
  }

  public SessionService sessions() {
    return sessions;
  }

  public EnforcementService enforcement() {
    return enforcement;
  }

  private CompletableFuture<Long> commit(Changes changes) {
    if (changes.isEmpty()) {
      return journal.sync();
    }
    return journal.appendAllDurably(changes.entries());
  }

  // ---- the tariff ---------------------------------------------------------------------------

  /** The tariff new quotes, bookings and exits are priced by (any thread may read it). */
  public Tariff tariff() {
    return tariff;
  }

  /** What {@link #useTariff} did: whether the tariff changed, and the one it replaced. */
  public record TariffChange(boolean changed, Tariff previous, Tariff active) {}

  /**
   * Makes {@code next} the tariff of every quote from now on: on the domain thread, so a request is
   * priced wholly by the old tariff or wholly by the new one. Sessions already open are priced at
   * exit by the tariff active then; each charge keeps the hash of the tariff that priced it.
   * Journals {@code tariff.activated}; the same tariff again changes nothing.
   *
   * @param source where it came from, for the journal (e.g. {@code tariff.publish c-1})
   * @param file the file it was read from
   */
  public Done<TariffChange> useTariff(Tariff next, String source, String file) throws Refusal {
    Tariff previous = tariff;
    if (previous.sha256().equals(next.sha256())) {
      return new Done<>(new TariffChange(false, previous, previous), journal.sync());
    }
    if (!previous.currency().equals(next.currency())) {
      throw Refusal.invalid(
          "tariff "
              + next.id()
              + " is in "
              + next.currency()
              + ", the site's ledger in "
              + previous.currency()
              + ": a site cannot change currency");
    }
    reservations.useTariff(next);
    sessions.useTariff(next);
    enforcement.useTariff(next);
    tariff = next;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", next.id());
    body.put("name", next.name());
    body.put("sha256", next.sha256());
    body.put("file", file);
    body.put("source", source);
    body.put("previous_id", previous.id());
    body.put("previous_sha256", previous.sha256());
    Changes changes = new Changes();
    changes.add(
        new JournalEntry(
            TARIFF_ACTIVATED, next.id(), clock.instant(), trusted.getAsBoolean(), body));
    log.info(
        "parking: tariff {} ({}) active from {}, replacing {} ({})",
        next.id(),
        next.sha256().substring(0, 12),
        file,
        previous.id(),
        previous.sha256().substring(0, 12));
    return new Done<>(new TariffChange(true, previous, next), commit(changes));
  }

  // ---- reservations -------------------------------------------------------------------------

  /** Books (or replays) a reservation: the one path for kiosks, operators and the cloud. */
  public Done<ReservationService.Booked> book(ReservationRequest request) throws Refusal {
    Changes changes = new Changes();
    try {
      ReservationService.Booked booked = reservations.apply(request, changes);
      return new Done<>(booked, commit(changes));
    } catch (Refusal refusal) {
      commit(changes); // a refusal journaled for the cloud
      throw refusal;
    }
  }

  public Done<ReservationService.Cancelled> cancel(
      String id, LedgerTxn payment, long alreadyRefunded, String key) throws Refusal {
    Changes changes = new Changes();
    ReservationService.Cancelled cancelled =
        reservations.cancel(id, payment, alreadyRefunded, key, changes);
    return new Done<>(cancelled, commit(changes));
  }

  public Availability available(
      Instant start, Instant end, String zone, Set<SpaceKind> kinds, int limit) throws Refusal {
    return reservations.available(start, end, zone, kinds, limit);
  }

  // ---- lanes --------------------------------------------------------------------------------

  public Done<SessionService.Decision> scan(int lane, PspMessage.ScanKind kind, String text) {
    Changes changes = new Changes();
    return moveGate(sessions.scan(lane, kind, text, changes), changes);
  }

  public Done<SessionService.Decision> loop(int lane, boolean present) {
    Changes changes = new Changes();
    return moveGate(sessions.loop(lane, present, changes), changes);
  }

  public Done<SessionService.Decision> manualOpen(
      int lane, String operator, String reason, String session) throws Refusal {
    Changes changes = new Changes();
    return moveGate(sessions.manualOpen(lane, operator, reason, session, changes), changes);
  }

  /** Commits the decision, then opens the gate if it says so; completes after both. */
  private Done<SessionService.Decision> moveGate(
      SessionService.Decision decision, Changes changes) {
    CompletableFuture<Long> durable = commit(changes);
    if (!decision.open()) {
      return new Done<>(decision, durable);
    }
    CompletableFuture<Long> opened =
        durable.thenApply(
            seq -> {
              if (!gate.pulseOpen(decision.lane())) {
                log.warn("lanes: lane {} has no barrier to open (gateway.yaml)", decision.lane());
              }
              return seq;
            });
    return new Done<>(decision, opened);
  }

  // ---- money --------------------------------------------------------------------------------

  /** A payment request as the API or a lane terminal sends it. */
  public record Payment(
      String key,
      String fingerprint,
      String ref,
      long amount,
      PaymentMethod method,
      String wallet,
      boolean lostTicket) {}

  /**
   * Records a payment for a session (charged up to now by the tariff first), a reservation or a
   * violation; a key seen before answers the first payment again.
   */
  public Done<Replayable<LedgerTxn>> pay(Payment payment) throws Refusal {
    var earlier = ledger.recent(payment.key());
    if (earlier.isPresent()) {
      return new Done<>(
          replay(earlier.get(), payment.key(), payment.fingerprint()), journal.sync());
    }
    Changes changes = new Changes();
    LedgerTxn txn;
    if (payment.ref().startsWith("S-") && sessions.open(payment.ref()).isPresent()) {
      txn =
          sessions.pay(
              payment.ref(),
              payment.key(),
              payment.fingerprint(),
              payment.amount(),
              payment.method(),
              payment.wallet(),
              payment.lostTicket(),
              changes);
    } else {
      txn = payDue(payment, changes);
    }
    return new Done<>(new Replayable<>(txn, false), commit(changes));
  }

  /** Pays what a closed session, a violation or another ref still owes. */
  private LedgerTxn payDue(Payment payment, Changes changes) throws Refusal {
    long due = ledger.due(payment.ref());
    if (due <= 0) {
      throw Refusal.conflict(payment.ref() + " is settled: nothing is due");
    }
    if (payment.amount() != due) {
      throw Refusal.conflict(
          "amount "
              + Money.ofMinor(payment.amount(), ledger.currency())
              + " does not match the "
              + Money.ofMinor(due, ledger.currency())
              + " due");
    }
    try {
      LedgerTxn txn =
          ledger.pay(
              payment.key(),
              payment.fingerprint(),
              payment.ref(),
              payment.amount(),
              payment.method(),
              payment.wallet());
      changes.add(Ledger.entry(txn, true));
      return txn;
    } catch (LedgerRefusal e) {
      throw Refusal.conflict(e.getMessage());
    }
  }

  public Done<Replayable<LedgerTxn>> topUp(
      String key, String fingerprint, String wallet, long amount, PaymentMethod method)
      throws Refusal {
    var earlier = ledger.recent(key);
    if (earlier.isPresent()) {
      return new Done<>(replay(earlier.get(), key, fingerprint), journal.sync());
    }
    Changes changes = new Changes();
    LedgerTxn txn = ledger.topUp(key, fingerprint, wallet, amount, method);
    changes.add(Ledger.entry(txn, true));
    return new Done<>(new Replayable<>(txn, false), commit(changes));
  }

  /** Refunds (part of) a payment; a refund is never issued twice for the same money. */
  public Done<Replayable<LedgerTxn>> refund(
      String key,
      String fingerprint,
      LedgerTxn payment,
      long alreadyRefunded,
      long amount,
      String reason)
      throws Refusal {
    var earlier = ledger.recent(key);
    if (earlier.isPresent()) {
      return new Done<>(replay(earlier.get(), key, fingerprint), journal.sync());
    }
    if (payment.kind() != LedgerTxn.Kind.PAYMENT) {
      throw Refusal.invalid(
          payment.id() + " is a " + payment.kind().jsonName() + ", not a payment");
    }
    String revenue =
        payment.ref().startsWith("R-")
            ? dev.parkedge.gateway.ledger.Accounts.BOOKINGS
            : payment.ref().startsWith("V-")
                ? dev.parkedge.gateway.ledger.Accounts.PENALTIES
                : dev.parkedge.gateway.ledger.Accounts.PARKING;
    Changes changes = new Changes();
    try {
      LedgerTxn txn =
          ledger.refund(key, fingerprint, payment, alreadyRefunded, amount, revenue, reason);
      changes.add(Ledger.entry(txn, true));
      return new Done<>(new Replayable<>(txn, false), commit(changes));
    } catch (LedgerRefusal e) {
      throw Refusal.conflict(e.getMessage());
    }
  }

  /** A result and whether it answers a replayed idempotency key. */
  public record Replayable<T>(T value, boolean replayed) {}

  /** The earlier movement of a key, if asked for the same thing; else refused. */
  public static Replayable<LedgerTxn> replay(LedgerTxn earlier, String key, String fingerprint)
      throws Refusal {
    if (earlier.fingerprint() == null || !earlier.fingerprint().equals(fingerprint)) {
      throw Refusal.conflict(
          "idempotency key \"" + key + "\" was used for another request (" + earlier.id() + ")");
    }
    return new Replayable<>(earlier, true);
  }

  // ---- time and the lot ---------------------------------------------------------------------

  /** Every second: no-shows, blue holds, old keys. */
  public void tick() {
    Changes changes = new Changes();
    reservations.tick(changes);
    ledger.pruneKeys();
    commitInBackground(changes, "reservation tick");
  }

  /** Every {@code check_every}: one enforcement reading. */
  public List<Violation> check() {
    Changes changes = new Changes();
    List<Violation> raised = enforcement.check(changes);
    commitInBackground(changes, "enforcement");
    return raised;
  }

  /** A space's sensor says occupied: a car may have taken a space held for a reservation. */
  public void spaceOccupied(String spaceId) {
    Changes changes = new Changes();
    reservations.spaceOccupied(spaceId, changes);
    commitInBackground(changes, "reservation move");
  }

  private void commitInBackground(Changes changes, String what) {
    if (changes.isEmpty()) {
      return;
    }
    journal
        .appendAllDurably(changes.entries())
        .whenComplete(
            (seq, failure) -> {
              if (failure != null) {
                log.warn("parking: {} not committed: {}", what, failure.toString());
              }
            });
  }

  /** The reservation ids still active (for listing). */
  public List<Reservation> activeReservations() {
    return reservations.allActive();
  }
}
