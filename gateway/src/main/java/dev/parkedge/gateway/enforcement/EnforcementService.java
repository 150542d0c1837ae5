package dev.parkedge.gateway.enforcement;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.Ledger;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.parking.Changes;
import dev.parkedge.gateway.reservation.LotView;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationService;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.session.SessionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Checks the lot's rules once per reading ({@code check_every}); a breach seen in {@code
 * confirm_readings} consecutive readings is raised once, charged its penalty and journaled. A
 * breach that clears and comes back is a new one. Owned by the domain thread.
 */
public final class EnforcementService {

  private final EnforcementPolicy policy;
  private Tariff tariff;
  private final Ledger ledger;
  private final ReservationService reservations;
  private final SessionService sessions;
  private final LotView lot;
  private final Clock clock;
  private final BooleanSupplier trusted;
  private final Ids ids;
  private SiteLayout layout;
  private final Map<String, Integer> seen = new HashMap<>();
  private final Set<String> raised = new HashSet<>();
  private final List<Violation> recent = new ArrayList<>();

  public EnforcementService(
      EnforcementPolicy policy,
      SiteLayout layout,
      Tariff tariff,
      Ledger ledger,
      ReservationService reservations,
      SessionService sessions,
      LotView lot,
      Clock clock,
      BooleanSupplier trusted,
      Ids ids) {
    this.policy = policy;
    this.layout = layout;
    this.tariff = tariff;
    this.ledger = ledger;
    this.reservations = reservations;
    this.sessions = sessions;
    this.lot = lot;
    this.clock = clock;
    this.trusted = trusted;
    this.ids = ids;
  }

  public void useLayout(SiteLayout next) {
    this.layout = next;
  }

  /** The tariff whose booking grace decides when a reservation overstays, from now on. */
  public void useTariff(Tariff next) {
    this.tariff = next;
  }

  public EnforcementPolicy policy() {
    return policy;
  }

  /** One reading: every rule checked; returns the violations raised by it. */
  public List<Violation> check(Changes out) {
    Map<String, Breach> now = breaches();
    seen.keySet().retainAll(now.keySet());
    raised.retainAll(now.keySet());
    List<Violation> fresh = new ArrayList<>();
    for (Map.Entry<String, Breach> e : now.entrySet()) {
      int count = seen.merge(e.getKey(), 1, Integer::sum);
      if (count >= policy.confirmReadings() && raised.add(e.getKey())) {
        fresh.add(raise(e.getValue(), out));
      }
    }
    return fresh;
  }

  /** The violations raised since start, newest last (at most 1,000). */
  public List<Violation> recent() {
    return List.copyOf(recent);
  }

  private record Breach(Violation.Kind kind, String subject, String sessionId, String detail) {}

  private Map<String, Breach> breaches() {
    Instant now = clock.instant();
    Map<String, Breach> found = new LinkedHashMap<>();
    Map<String, Reservation> checkedInBySpace = new HashMap<>();
    for (Reservation r : reservations.allActive()) {
      if (r.status() == Reservation.Status.CHECKED_IN) {
        checkedInBySpace.put(r.spaceId(), r);
      } else if (!now.isBefore(r.start().minus(reservations.policy().leadTime()))
          && now.isBefore(r.end())
          && lot.occupied(r.spaceId())) {
        put(
            found,
            new Breach(
                Violation.Kind.RESERVED_SPACE,
                r.spaceId(),
                null,
                "reserved for " + r.id() + " from " + r.start() + ", occupied before check-in"));
      }
    }
    int occupied = 0;
    for (Space space : layout.spaces()) {
      if (!lot.occupied(space.id())) {
        continue;
      }
      occupied++;
      Reservation r = checkedInBySpace.get(space.id());
      kindCheck(found, space, SpaceKind.ACCESSIBLE, Violation.Kind.ACCESSIBLE_SPACE, r);
      kindCheck(found, space, SpaceKind.EV, Violation.Kind.EV_SPACE, r);
    }
    List<Session> open = sessions.openSessions();
    if (policy.gated() && occupied > open.size()) {
      put(
          found,
          new Breach(
              Violation.Kind.NO_SESSION,
              layout.site().id(),
              null,
              occupied + " spaces occupied, " + open.size() + " sessions open"));
    }
    Duration late = tariff.grace().bookingLate();
    for (Session s : open) {
      if (s.reservationId() != null) {
        reservations
            .active(s.reservationId())
            .ifPresent(
                r -> {
                  if (now.isAfter(r.end().plus(late))) {
                    put(
                        found,
                        new Breach(
                            Violation.Kind.OVERSTAY,
                            s.id(),
                            s.id(),
                            "reservation " + r.id() + " ended at " + r.end()));
                  }
                });
      }
      if (!policy.maxStay().isZero() && now.isAfter(s.entry().plus(policy.maxStay()))) {
        put(
            found,
            new Breach(
                Violation.Kind.OVERSTAY,
                s.id(),
                s.id(),
                "longer than the maximum stay of " + policy.maxStay().toHours() + " h"));
      }
    }
    return found;
  }

  private static void kindCheck(
      Map<String, Breach> found,
      Space space,
      SpaceKind kind,
      Violation.Kind violation,
      Reservation checkedIn) {
    if (space.kinds().contains(kind) && (checkedIn == null || !checkedIn.kinds().contains(kind))) {
      put(
          found,
          new Breach(
              violation,
              space.id(),
              null,
              kind.yamlName()
                  + " space occupied without a "
                  + kind.yamlName()
                  + " reservation checked in on it"));
    }
  }

  private static void put(Map<String, Breach> found, Breach breach) {
    found.putIfAbsent(breach.kind().jsonName() + "/" + breach.subject(), breach);
  }

  private Violation raise(Breach breach, Changes out) {
    String id = ids.next("V");
    String ref = breach.sessionId() != null ? breach.sessionId() : id;
    long penalty = policy.penalty(breach.kind());
    Violation violation =
        new Violation(
            id, breach.kind(), breach.subject(), ref, penalty, clock.instant(), breach.detail());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", violation.kind().jsonName());
    body.put("subject", violation.subject());
    body.put("ref", ref);
    body.put("penalty", penalty);
    body.put("currency", ledger.currency().getCurrencyCode());
    body.put("readings", policy.confirmReadings());
    body.put("detail", breach.detail());
    out.add(new JournalEntry("violation.raised", id, violation.at(), trusted.getAsBoolean(), body));
    if (penalty > 0) {
      LedgerTxn charge =
          ledger.charge(
              ref,
              Accounts.PENALTIES,
              penalty,
              Map.of("violation", id, "kind", violation.kind().jsonName()));
      out.add(Ledger.entry(charge, trusted.getAsBoolean()));
    }
    recent.add(violation);
    if (recent.size() > 1000) {
      recent.remove(0);
    }
    return violation;
  }
}
