package dev.parkedge.gateway.reservation;

import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.billing.Quote;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.billing.TraceLine;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.Ledger;
import dev.parkedge.gateway.ledger.LedgerRefusal;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.gateway.parking.Changes;
import dev.parkedge.gateway.parking.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Reservations: the one path every source books through ({@link #apply}), cancellation with the
 * refund policy, check-in, no-show release, the blue hold before the start, and moving a booking
 * off a space a drive-in car took. Owned by the domain thread: a check and the booking it allows
 * cannot interleave with another request, so no space is sold twice and no zone is booked beyond
 * its capacity, however many requests arrive at once.
 *
 * <p>Only active reservations (booked or checked in) are in memory, indexed per space ({@link
 * SpaceCalendar}) and by start; past ones stay in storage.
 */
public final class ReservationService {

  /** How long an idempotency key stays in memory (storage keeps it for good). */
  static final Duration RECENT_KEYS = Duration.ofHours(1);

  /** A start this far in the past is still accepted (a kiosk's clock, a slow request). */
  static final Duration START_TOLERANCE = Duration.ofMinutes(1);

  private static final Set<SpaceKind> SPECIAL = Set.of(SpaceKind.ACCESSIBLE, SpaceKind.EV);

  private final ReservationPolicy policy;
  private Tariff tariff;
  private final Ledger ledger;
  private final LotView lot;
  private final Clock clock;
  private final BooleanSupplier trusted;
  private final Ids ids;
  private SiteLayout layout;
  private Map<String, Space> spaces;
  private final Map<String, SpaceCalendar> calendars = new HashMap<>();
  private final Map<String, Reservation> active = new HashMap<>();
  private final TreeMap<Instant, Set<String>> byStart = new TreeMap<>();
  private final LinkedHashMap<String, Reservation> recentByKey = new LinkedHashMap<>();
  private final Map<String, Instant> keyedAt = new HashMap<>();
  private final Set<String> held = new HashSet<>();

  public ReservationService(
      SiteLayout layout,
      ReservationPolicy policy,
      Tariff tariff,
      Ledger ledger,
      LotView lot,
      Clock clock,
      BooleanSupplier trusted,
      Ids ids) {
    this.policy = policy;
    this.tariff = tariff;
    this.ledger = ledger;
    this.lot = lot;
    this.clock = clock;
    this.trusted = trusted;
    this.ids = ids;
    useLayout(layout);
  }

  /** The reservations storage holds as booked or checked in, at start. */
  public void restore(List<Reservation> saved) {
    for (Reservation reservation : saved) {
      index(reservation);
    }
  }

  /** A new site layout (reload): spaces that went away keep their bookings until they end. */
  public void useLayout(SiteLayout next) {
    this.layout = next;
    this.spaces = next.spacesById();
  }

  /**
   * The tariff new quotes use from now on (a published tariff, activated on the domain thread).
   * Each charge keeps the hash of the tariff that priced it.
   */
  public void useTariff(Tariff next) {
    this.tariff = next;
  }

  public ReservationPolicy policy() {
    return policy;
  }

  // ---- booking ------------------------------------------------------------------------------

  /** A booking and whether it was made before under the same key (a replay). */
  public record Booked(Reservation reservation, boolean replayed) {}

  /**
   * Books as {@code request} asks, or refuses with a reason. The one path for every source: the
   * same key with the same content returns the first booking; with other content it is refused.
   * Conflicts are refused (and journaled for requests from the cloud, which cannot be asked again).
   */
  public Booked apply(ReservationRequest request, Changes out) throws Refusal {
    Reservation earlier = recentByKey.get(request.key());
    if (earlier != null) {
      return replay(earlier, request);
    }
    try {
      return new Booked(book(request, out), false);
    } catch (Refusal refusal) {
      if (refusal.kind() == Refusal.Kind.CONFLICT && "cloud".equals(request.source())) {
        journalRefusal(request, refusal.getMessage(), out);
      }
      throw refusal;
    }
  }

  /** A replay of a booking storage already has (the API looks there before asking the domain). */
  public static Booked replay(Reservation earlier, ReservationRequest request) throws Refusal {
    if (!earlier.fingerprint().equals(request.fingerprint())) {
      throw Refusal.conflict(
          "idempotency key \""
              + request.key()
              + "\" was used for another request (reservation "
              + earlier.id()
              + ")");
    }
    return new Booked(earlier, true);
  }

  private Reservation book(ReservationRequest request, Changes out) throws Refusal {
    Instant now = clock.instant();
    checkWindow(request.start(), request.end(), now);
    Zone zone = zoneOf(request);
    String spaceId = chooseSpace(request, zone, now);
    checkCapacity(zone, request.start(), request.end());
    Quote quote = tariff.quote(Stay.of(request.start(), request.end()));
    long price = quote.amount().minor();
    PaymentMethod method = request.method();
    if (price > 0 && method == null) {
      throw Refusal.invalid("a payment method is needed: the booking costs " + quote.amount());
    }
    if (price > 0
        && method == PaymentMethod.WALLET
        && ledger.walletHolds(request.wallet()) < price) {
      throw Refusal.conflict(
          "wallet "
              + request.wallet()
              + " holds "
              + Money.ofMinor(ledger.walletHolds(request.wallet()), ledger.currency())
              + ", less than the booking's "
              + quote.amount());
    }
    String id = newId();
    String paymentId = null;
    List<LedgerTxn> movements = new ArrayList<>();
    if (price > 0) {
      movements.add(ledger.charge(id, Accounts.BOOKINGS, price, chargeDetail(quote)));
      try {
        LedgerTxn payment =
            ledger.pay(
                request.key() + "/payment",
                request.fingerprint(),
                id,
                price,
                method,
                request.wallet());
        movements.add(payment);
        paymentId = payment.id();
      } catch (LedgerRefusal impossible) {
        throw new IllegalStateException("wallet checked above", impossible);
      }
    }
    Reservation reservation =
        new Reservation(
            id,
            request.key(),
            request.fingerprint(),
            request.source(),
            spaceId,
            zone == null ? spaces.get(spaceId).zoneId() : zone.id(),
            request.kinds(),
            request.start(),
            request.end(),
            request.plate(),
            Reservation.Status.BOOKED,
            price,
            paymentId,
            price > 0 ? method : null,
            now,
            null,
            null);
    index(reservation);
    remember(reservation, now);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (request.spaceId() != null && !request.spaceId().equals(spaceId)) {
      extra.put("asked_space", request.spaceId());
      extra.put("reason", "space " + request.spaceId() + " is occupied");
    }
    out.add(entry("reservation.created", reservation, extra));
    movements.forEach(txn -> out.add(Ledger.entry(txn, trusted.getAsBoolean())));
    refreshHold(reservation, now);
    return reservation;
  }

  private void checkWindow(Instant start, Instant end, Instant now) throws Refusal {
    if (!end.isAfter(start)) {
      throw Refusal.invalid("the window ends (" + end + ") before it starts (" + start + ")");
    }
    if (start.isBefore(now.minus(START_TOLERANCE))) {
      throw Refusal.invalid("the window starts in the past (" + start + ", now " + now + ")");
    }
    if (start.isAfter(now.plus(policy.maxAdvance()))) {
      throw Refusal.invalid(
          "the window starts more than " + policy.maxAdvance().toDays() + " days ahead");
    }
    Duration length = Duration.between(start, end);
    if (length.compareTo(policy.minLength()) < 0 || length.compareTo(policy.maxLength()) > 0) {
      throw Refusal.invalid(
          "a reservation lasts "
              + policy.minLength().toMinutes()
              + " min to "
              + policy.maxLength().toHours()
              + " h, this one "
              + length.toMinutes()
              + " min");
    }
  }

  private Zone zoneOf(ReservationRequest request) throws Refusal {
    if (request.zoneId() == null) {
      return null;
    }
    Optional<Zone> zone = layout.zone(request.zoneId());
    if (zone.isEmpty()) {
      throw Refusal.notFound("no zone \"" + request.zoneId() + "\"");
    }
    return zone.get();
  }

  private String chooseSpace(ReservationRequest request, Zone zone, Instant now) throws Refusal {
    if (request.spaceId() == null) {
      List<Space> candidates = zone == null ? layout.spaces() : zone.spaces();
      return firstFree(candidates, request.kinds(), request.start(), request.end(), now)
          .orElseThrow(
              () ->
                  Refusal.conflict(
                      "no "
                          + describe(request.kinds())
                          + "space free "
                          + (zone == null ? "" : "in zone " + zone.id() + " ")
                          + "from "
                          + request.start()
                          + " to "
                          + request.end()));
    }
    Space space = spaces.get(request.spaceId());
    if (space == null) {
      throw Refusal.notFound("no space \"" + request.spaceId() + "\"");
    }
    if (zone != null && !space.zoneId().equals(zone.id())) {
      throw Refusal.invalid("space " + space.id() + " is not in zone " + zone.id());
    }
    if (!space.kinds().containsAll(request.kinds())) {
      throw Refusal.invalid("space " + space.id() + " is not " + describe(request.kinds()).strip());
    }
    if (!lot.inService(space.id())) {
      throw Refusal.conflict("space " + space.id() + " is out of service");
    }
    Optional<Reservation> clash = calendar(space.id()).conflict(request.start(), request.end());
    if (clash.isPresent()) {
      throw Refusal.conflict(
          "space "
              + space.id()
              + " is already reserved from "
              + clash.get().start()
              + " to "
              + clash.get().end());
    }
    if (holdsNow(request.start(), now) && lot.occupied(space.id())) {
      // A drive-in car stands on it: book another compatible space of the zone instead.
      Zone own = layout.zone(space.zoneId()).orElseThrow();
      return firstFree(
              own.spaces(), mergedKinds(space, request), request.start(), request.end(), now)
          .orElseThrow(
              () ->
                  Refusal.conflict(
                      "space "
                          + space.id()
                          + " is occupied and no other "
                          + describe(request.kinds())
                          + "space of zone "
                          + own.id()
                          + " is free"));
    }
    return space.id();
  }

  private static Set<SpaceKind> mergedKinds(Space space, ReservationRequest request) {
    Set<SpaceKind> kinds = new HashSet<>(request.kinds());
    space.kinds().stream().filter(SPECIAL::contains).forEach(kinds::add);
    return kinds;
  }

  /**
   * The first space of {@code candidates} with the kinds, free for the window, in service, and
   * (when the window is about to start) not occupied now. Spaces with attributes nobody asked for
   * (accessible, EV) come last, so they stay for those who need them.
   */
  private Optional<String> firstFree(
      List<Space> candidates, Set<SpaceKind> kinds, Instant start, Instant end, Instant now) {
    boolean soon = holdsNow(start, now);
    String fallback = null;
    for (Space space : candidates) {
      if (!space.kinds().containsAll(kinds)
          || !lot.inService(space.id())
          || !calendar(space.id()).isFree(start, end)
          || (soon && lot.occupied(space.id()))) {
        continue;
      }
      boolean extra =
          space.kinds().stream().anyMatch(k -> SPECIAL.contains(k) && !kinds.contains(k));
      if (!extra) {
        return Optional.of(space.id());
      }
      if (fallback == null) {
        fallback = space.id();
      }
    }
    return Optional.ofNullable(fallback);
  }

  private boolean holdsNow(Instant start, Instant now) {
    return !now.isBefore(start.minus(policy.leadTime()));
  }

  private void checkCapacity(Zone zone, Instant start, Instant end) throws Refusal {
    if (zone == null) {
      return;
    }
    Integer capacity = policy.zoneCapacity().get(zone.id());
    if (capacity == null) {
      return; // at most one booking per space: the zone's spaces bound it
    }
    int peak = peak(zone, start, end);
    if (peak + 1 > capacity) {
      throw Refusal.conflict(
          "zone "
              + zone.id()
              + " is fully booked from "
              + start
              + " to "
              + end
              + " (capacity "
              + capacity
              + ")");
    }
  }

  /** The most reservations of the zone that overlap at any instant of {@code [start, end)}. */
  private int peak(Zone zone, Instant start, Instant end) {
    List<Instant[]> events = new ArrayList<>();
    for (Space space : zone.spaces()) {
      SpaceCalendar calendar = calendars.get(space.id());
      if (calendar == null) {
        continue;
      }
      for (Reservation r : calendar.overlapping(start, end)) {
        Instant from = r.start().isBefore(start) ? start : r.start();
        Instant to = r.end().isAfter(end) ? end : r.end();
        events.add(new Instant[] {from, to});
      }
    }
    List<Map.Entry<Instant, Integer>> deltas = new ArrayList<>();
    for (Instant[] event : events) {
      deltas.add(Map.entry(event[0], 1));
      deltas.add(Map.entry(event[1], -1));
    }
    deltas.sort(
        Comparator.comparing((Map.Entry<Instant, Integer> e) -> e.getKey())
            .thenComparing(Map.Entry::getValue));
    int current = 0;
    int peak = 0;
    for (Map.Entry<Instant, Integer> delta : deltas) {
      current += delta.getValue();
      peak = Math.max(peak, current);
    }
    return peak;
  }

  /** Zone capacity left for the window: bounded by its capacity and by its free spaces. */
  private int zoneRoom(Zone zone, Instant start, Instant end, int freeSpaces) {
    Integer capacity = policy.zoneCapacity().get(zone.id());
    if (capacity == null) {
      return freeSpaces;
    }
    return Math.max(0, Math.min(freeSpaces, capacity - peak(zone, start, end)));
  }

  // ---- availability -------------------------------------------------------------------------

  /**
   * What is free for {@code [start, end)} with the attributes: every space is checked against its
   * calendar (one index lookup each), so the answer costs the same with a million past bookings.
   */
  public Availability available(
      Instant start, Instant end, String zoneId, Set<SpaceKind> kinds, int limit) throws Refusal {
    if (!end.isAfter(start)) {
      throw Refusal.invalid("the window ends (" + end + ") before it starts (" + start + ")");
    }
    List<Zone> zones;
    if (zoneId == null) {
      zones = layout.zones();
    } else {
      zones =
          List.of(
              layout
                  .zone(zoneId)
                  .orElseThrow(() -> Refusal.notFound("no zone \"" + zoneId + "\"")));
    }
    Instant now = clock.instant();
    boolean soon = holdsNow(start, now);
    List<String> free = new ArrayList<>();
    int count = 0;
    Map<String, Integer> room = new LinkedHashMap<>();
    for (Zone zone : zones) {
      int inZone = 0;
      for (Space space : zone.spaces()) {
        if (space.kinds().containsAll(kinds)
            && lot.inService(space.id())
            && calendar(space.id()).isFree(start, end)
            && !(soon && lot.occupied(space.id()))) {
          inZone++;
          if (free.size() < limit) {
            free.add(space.id());
          }
        }
      }
      count += inZone;
      room.put(zone.id(), zoneRoom(zone, start, end, inZone));
    }
    return new Availability(free, count, room);
  }

  // ---- cancellation -------------------------------------------------------------------------

  /** A cancellation and what it refunded (minor units). */
  public record Cancelled(Reservation reservation, long refunded, boolean already) {}

  /**
   * Cancels a booking before entry, refunding what the policy gives back. Cancelling a cancelled
   * reservation again changes nothing and refunds nothing.
   *
   * @param payment the booking's payment as storage knows it (null when it was free)
   * @param alreadyRefunded what refunds of that payment returned so far, as storage knows it
   */
  public Cancelled cancel(
      String id, LedgerTxn payment, long alreadyRefunded, String key, Changes out) throws Refusal {
    Reservation reservation = active.get(id);
    if (reservation == null) {
      throw Refusal.notFound("no active reservation \"" + id + "\"");
    }
    if (reservation.status() == Reservation.Status.CHECKED_IN) {
      throw Refusal.conflict(
          "reservation " + id + " is checked in (entered at " + reservation.checkedInAt() + ")");
    }
    Instant now = clock.instant();
    long refund = refundFor(reservation, now);
    Reservation cancelled = reservation.withStatus(Reservation.Status.CANCELLED);
    LedgerTxn txn = null;
    if (refund > 0 && payment != null) {
      try {
        txn =
            ledger.refund(
                key == null ? id + "/refund" : key,
                "cancel " + id,
                payment,
                alreadyRefunded,
                refund,
                Accounts.BOOKINGS,
                "cancellation of reservation " + id);
      } catch (LedgerRefusal e) {
        throw Refusal.conflict(e.getMessage());
      }
    }
    unindex(reservation);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("refund", refund);
    out.add(entry("reservation.cancelled", cancelled, extra));
    if (txn != null) {
      out.add(Ledger.entry(txn, trusted.getAsBoolean()));
    }
    return new Cancelled(cancelled, refund, false);
  }

  /** What the policy refunds for a cancellation now. */
  long refundFor(Reservation reservation, Instant now) {
    boolean early = !now.isAfter(reservation.start().minus(policy.fullRefundBefore()));
    boolean justBooked =
        !now.isAfter(reservation.createdAt().plus(policy.fullRefundAfterBooking()));
    if (early || justBooked) {
      return reservation.price();
    }
    return reservation.price() * policy.lateRefundPercent() / 100;
  }

  // ---- check-in and completion --------------------------------------------------------------

  /** The active reservation with this id. */
  public Optional<Reservation> active(String id) {
    return Optional.ofNullable(active.get(id));
  }

  /** Every active reservation (booked or checked in). */
  public List<Reservation> allActive() {
    return List.copyOf(active.values());
  }

  /**
   * The booked reservation for {@code plate} whose window, widened by the tariff's booking grace,
   * holds {@code now}.
   */
  public Optional<Reservation> bookedForPlate(String plate, Instant now) {
    for (Reservation r : active.values()) {
      if (r.status() == Reservation.Status.BOOKED
          && r.plate() != null
          && plateKey(plate).equals(plateKey(r.plate()))
          && enterable(r, now)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * A plate as lanes compare it: upper case, without spaces or dashes, so a booking typed {@code
   * B-PE 2001} matches the camera's {@code BPE2001}.
   */
  public static String plateKey(String text) {
    return text.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
  }

  /** Whether a driver of {@code r} may enter now (the tariff's early grace before the start). */
  public boolean enterable(Reservation r, Instant now) {
    Instant from = r.start().minus(tariff.grace().bookingEarly());
    return !now.isBefore(from) && now.isBefore(r.end());
  }

  public Reservation checkIn(Reservation reservation, String sessionId, Changes out) {
    Reservation in = reservation.checkedIn(clock.instant(), sessionId);
    replace(in);
    out.add(entry("reservation.checked_in", in, Map.of()));
    lot.hold(in.spaceId(), false);
    held.remove(in.spaceId());
    return in;
  }

  /** The driver left: the reservation is complete and its space free for others. */
  public void complete(String reservationId, Changes out) {
    Reservation reservation = active.get(reservationId);
    if (reservation == null) {
      return;
    }
    unindex(reservation);
    out.add(
        entry(
            "reservation.completed",
            reservation.withStatus(Reservation.Status.COMPLETED),
            Map.of()));
  }

  // ---- time and the lot ---------------------------------------------------------------------

  /**
   * Releases no-shows, and holds (blue) the spaces of reservations starting within the lead time.
   * Called every second or so.
   */
  public void tick(Changes out) {
    Instant now = clock.instant();
    releaseNoShows(now, out);
    Set<String> wanted = new HashSet<>();
    for (Set<String> starting :
        byStart
            .subMap(now.minus(policy.noShowGrace()), true, now.plus(policy.leadTime()), true)
            .values()) {
      for (String id : starting) {
        Reservation r = active.get(id);
        if (r != null && r.status() == Reservation.Status.BOOKED) {
          wanted.add(r.spaceId());
        }
      }
    }
    for (Iterator<String> it = held.iterator(); it.hasNext(); ) {
      String space = it.next();
      if (!wanted.contains(space)) {
        it.remove();
        lot.hold(space, false);
      }
    }
    for (String space : wanted) {
      if (held.add(space)) {
        lot.hold(space, true);
      }
    }
    pruneKeys(now);
  }

  private void releaseNoShows(Instant now, Changes out) {
    Instant cutoff = now.minus(policy.noShowGrace());
    List<Reservation> late = new ArrayList<>();
    for (Set<String> starting : byStart.headMap(cutoff, false).values()) {
      for (String id : starting) {
        Reservation r = active.get(id);
        if (r != null && r.status() == Reservation.Status.BOOKED) {
          late.add(r);
        }
      }
    }
    for (Reservation r : late) {
      unindex(r);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put(
          "reason", "not entered within " + policy.noShowGrace().toMinutes() + " min of the start");
      out.add(entry("reservation.no_show", r.withStatus(Reservation.Status.NO_SHOW), extra));
    }
    // Checked-in reservations past their end stop blocking their space's calendar once done.
    List<Instant> done = new ArrayList<>();
    for (Map.Entry<Instant, Set<String>> e : byStart.headMap(cutoff, false).entrySet()) {
      e.getValue().removeIf(id -> !active.containsKey(id));
      if (e.getValue().isEmpty()) {
        done.add(e.getKey());
      }
    }
    done.forEach(byStart::remove);
  }

  /**
   * A space became occupied. If it is held for a driver who has not arrived, a drive-in car took
   * it: the booking moves to a free compatible space of the same zone, or stays with a journaled
   * conflict when there is none.
   */
  public void spaceOccupied(String spaceId, Changes out) {
    if (!held.contains(spaceId)) {
      return;
    }
    Instant now = clock.instant();
    for (Reservation r :
        calendar(spaceId).overlapping(now, now.plus(policy.leadTime()).plusSeconds(1))) {
      if (r.status() != Reservation.Status.BOOKED) {
        continue;
      }
      Space space = spaces.get(spaceId);
      Zone zone = layout.zone(r.zoneId()).orElse(null);
      Set<SpaceKind> kinds = new HashSet<>(r.kinds());
      if (space != null) {
        space.kinds().stream().filter(SPECIAL::contains).forEach(kinds::add);
      }
      Optional<String> to =
          zone == null
              ? Optional.empty()
              : firstFree(zone.spaces(), kinds, r.start(), r.end(), now);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("from", spaceId);
      if (to.isEmpty()) {
        extra.put(
            "reason",
            "space "
                + spaceId
                + " is occupied and no compatible space of zone "
                + r.zoneId()
                + " is free");
        out.add(entry("reservation.conflict", r, extra));
        continue;
      }
      unindex(r);
      Reservation moved = r.movedTo(to.get());
      index(moved);
      extra.put("reason", "space " + spaceId + " was occupied by a car without this reservation");
      out.add(entry("reservation.moved", moved, extra));
      held.remove(spaceId);
      lot.hold(spaceId, false);
      refreshHold(moved, now);
    }
  }

  private void refreshHold(Reservation r, Instant now) {
    if (r.status() == Reservation.Status.BOOKED
        && holdsNow(r.start(), now)
        && held.add(r.spaceId())) {
      lot.hold(r.spaceId(), true);
    }
  }

  // ---- indexes ------------------------------------------------------------------------------

  private SpaceCalendar calendar(String spaceId) {
    return calendars.computeIfAbsent(spaceId, id -> new SpaceCalendar());
  }

  private void index(Reservation r) {
    active.put(r.id(), r);
    calendar(r.spaceId()).add(r);
    byStart.computeIfAbsent(r.start(), s -> new HashSet<>()).add(r.id());
  }

  private void replace(Reservation r) {
    active.put(r.id(), r);
    calendar(r.spaceId()).add(r);
  }

  private void unindex(Reservation r) {
    Reservation current = active.remove(r.id());
    if (current == null) {
      return;
    }
    calendar(current.spaceId()).remove(current);
    Set<String> starting = byStart.get(current.start());
    if (starting != null) {
      starting.remove(current.id());
      if (starting.isEmpty()) {
        byStart.remove(current.start());
      }
    }
    if (held.remove(current.spaceId())) {
      lot.hold(current.spaceId(), false);
    }
  }

  private void remember(Reservation r, Instant now) {
    recentByKey.put(r.key(), r);
    keyedAt.put(r.key(), now);
  }

  private void pruneKeys(Instant now) {
    Instant before = now.minus(RECENT_KEYS);
    for (Iterator<Map.Entry<String, Reservation>> it = recentByKey.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Reservation> e = it.next();
      if (keyedAt.get(e.getKey()).isBefore(before)) {
        keyedAt.remove(e.getKey());
        it.remove();
      } else {
        break;
      }
    }
  }

  private String newId() {
    String id;
    do {
      id = ids.next("R");
    } while (active.containsKey(id));
    return id;
  }

  // ---- journal ------------------------------------------------------------------------------

  private void journalRefusal(ReservationRequest request, String reason, Changes out) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", request.key());
    body.put("source", request.source());
    body.put("space", request.spaceId());
    body.put("zone", request.zoneId());
    body.put("start", request.start().toString());
    body.put("end", request.end().toString());
    body.put("reason", reason);
    out.add(
        new JournalEntry(
            "reservation.refused", request.key(), clock.instant(), trusted.getAsBoolean(), body));
  }

  private JournalEntry entry(String type, Reservation r, Map<String, Object> extra) {
    return new JournalEntry(
        type,
        r.id(),
        clock.instant(),
        trusted.getAsBoolean(),
        body(r, ledger.currency().getCurrencyCode(), extra));
  }

  /** The whole reservation, in every reservation entry: storage projects it from any of them. */
  public static Map<String, Object> body(
      Reservation r, String currency, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", r.id());
    body.put("key", r.key());
    body.put("fingerprint", r.fingerprint());
    body.put("source", r.source());
    body.put("space", r.spaceId());
    body.put("zone", r.zoneId());
    body.put("kinds", r.kinds().stream().map(SpaceKind::yamlName).sorted().toList());
    body.put("start", r.start().toString());
    body.put("end", r.end().toString());
    body.put("plate", r.plate());
    body.put("status", r.status().jsonName());
    body.put("price", r.price());
    body.put("currency", currency);
    body.put("payment", r.paymentId());
    body.put("method", r.method() == null ? null : r.method().jsonName());
    body.put("created_at", r.createdAt().toString());
    body.put("checked_in_at", r.checkedInAt() == null ? null : r.checkedInAt().toString());
    body.put("session", r.sessionId());
    body.putAll(extra);
    return body;
  }

  private static Map<String, Object> chargeDetail(Quote quote) {
    return chargeDetailOf(quote);
  }

  /** A charge's detail: the tariff's trace and the hash of the tariff file that priced it. */
  public static Map<String, Object> chargeDetailOf(Quote quote) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("product", quote.product());
    detail.put("quoted", quote.amount().minor());
    detail.put("tariff_sha256", quote.tariffSha256());
    List<Map<String, Object>> trace = new ArrayList<>();
    for (TraceLine line : quote.trace()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("kind", line.kind().jsonName());
      l.put("text", line.text());
      l.put("amount", line.amountMinor());
      trace.add(l);
    }
    detail.put("trace", trace);
    return detail;
  }

  private static String describe(Set<SpaceKind> kinds) {
    if (kinds.isEmpty()) {
      return "";
    }
    return String.join(" ", kinds.stream().map(SpaceKind::yamlName).sorted().toList()) + " ";
  }
}
