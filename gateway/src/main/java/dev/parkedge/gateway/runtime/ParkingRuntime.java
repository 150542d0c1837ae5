package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.enforcement.EnforcementPolicy;
import dev.parkedge.gateway.enforcement.EnforcementService;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.ledger.Accounts;
import dev.parkedge.gateway.ledger.Ledger;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.reservation.LotView;
import dev.parkedge.gateway.reservation.ReservationService;
import dev.parkedge.gateway.sensing.SensingService;
import dev.parkedge.gateway.sensing.SpaceListener;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.session.SessionService;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the money-and-access side (issue 6) into the gateway: builds the services from {@link
 * ParkingParts}, restores them from storage, ticks them on the domain thread, hands lane devices'
 * scans and loops to them, and tells them when a space becomes occupied.
 */
final class ParkingRuntime {

  private static final Logger log = LoggerFactory.getLogger(ParkingRuntime.class);

  private final ParkingParts parts;
  private final Parking parking;
  private final ReservationService reservations;
  private final EnforcementService enforcement;

  ParkingRuntime(
      ParkingParts parts,
      SiteLayout layout,
      Clock clock,
      BooleanSupplier trusted,
      Journal journal,
      Supplier<SensingService> sensing) {
    this.parts = parts;
    ParkingConfig config = parts.config();
    Ledger ledger = new Ledger(parts.tariff().currency(), clock, parts.ids());
    LotView lot = new SensedLot(sensing);
    this.reservations =
        new ReservationService(
            layout,
            config.reservations(),
            parts.tariff(),
            ledger,
            lot,
            clock,
            trusted,
            parts.ids());
    SessionService sessions =
        new SessionService(
            config.lanes(),
            parts.tariff(),
            ledger,
            reservations,
            parts.qrTokens(),
            layout.spaces().size(),
            clock,
            trusted,
            parts.ids());
    this.enforcement =
        new EnforcementService(
            withPenalties(config, parts.tariff().currency()),
            layout,
            parts.tariff(),
            ledger,
            reservations,
            sessions,
            lot,
            clock,
            trusted,
            parts.ids());
    this.parking =
        new Parking(
            journal,
            ledger,
            reservations,
            sessions,
            enforcement,
            parts.gate(),
            parts.tariff(),
            clock,
            trusted);
  }

  private static EnforcementPolicy withPenalties(
      ParkingConfig config, java.util.Currency currency) {
    Map<Violation.Kind, Long> penalties = new EnumMap<>(Violation.Kind.class);
    config
        .penalties()
        .forEach((kind, text) -> penalties.put(kind, Money.parse(text, currency).minor()));
    EnforcementPolicy p = config.enforcement();
    return new EnforcementPolicy(
        p.checkEvery(), p.confirmReadings(), p.maxStay(), p.gated(), penalties);
  }

  Parking parking() {
    return parking;
  }

  ParkingParts parts() {
    return parts;
  }

  /** On the domain thread at start: the ledger's balances, active reservations, open sessions. */
  void restore() {
    parking.ledger().restore(parts.ledger().loadBalances());
    reservations.restore(parts.reservations().loadActive());
    List<Session> open = parts.sessions().loadOpen();
    Map<String, Long> charged = new HashMap<>();
    for (Session session : open) {
      long sum = 0;
      for (LedgerTxn txn : parts.ledger().forRef(session.id())) {
        if (txn.kind() == LedgerTxn.Kind.CHARGE
            && txn.postings().stream().anyMatch(p -> p.account().equals(Accounts.PARKING))) {
          sum += txn.amount();
        }
      }
      charged.put(session.id(), sum);
    }
    parking.sessions().restore(open, charged);
    log.info(
        "parking: {} active reservations, {} open sessions, {} lanes, tariff {} ({})",
        reservations.allActive().size(),
        open.size(),
        parts.config().lanes().size(),
        parking.tariff().id(),
        parking.tariff().sha256().substring(0, 12));
  }

  void schedule(DomainThread domain) {
    domain.every(Duration.ofSeconds(1), "parking tick", parking::tick);
    domain.every(enforcement.policy().checkEvery(), "enforcement", parking::check);
  }

  void useLayout(SiteLayout next) {
    reservations.useLayout(next);
    enforcement.useLayout(next);
  }

  static boolean isLaneMessage(PspMessage message) {
    return message instanceof PspMessage.Scan || message instanceof PspMessage.Loop;
  }

  /** A scan or loop from a lane device on a bus: decided, committed, and the gate moved. */
  void onLaneMessage(PspMessage message) {
    if (message instanceof PspMessage.Scan scan) {
      parking.scan(scan.lane(), scan.kind(), scan.text());
    } else if (message instanceof PspMessage.Loop loop) {
      parking.loop(loop.lane(), loop.present());
    }
  }

  /** The sensing listener: displays first, then a car taking a space held for a reservation. */
  SpaceListener around(SpaceListener displays) {
    return new SpaceListener() {
      @Override
      public void spaceChanged(String spaceId, SpaceState from, SpaceState to) {
        displays.spaceChanged(spaceId, from, to);
        if (to == SpaceState.OCCUPIED) {
          parking.spaceOccupied(spaceId);
        }
      }

      @Override
      public void layoutApplied(SiteLayout layout, Map<String, SpaceState> states) {
        displays.layoutApplied(layout, states);
      }
    };
  }

  /** The lot as sensing sees it, for reservations and enforcement. */
  private record SensedLot(Supplier<SensingService> sensing) implements LotView {
    @Override
    public boolean occupied(String spaceId) {
      return sensing.get().stateOf(spaceId) == SpaceState.OCCUPIED;
    }

    @Override
    public boolean inService(String spaceId) {
      return sensing.get().stateOf(spaceId) != SpaceState.MAINTENANCE;
    }

    @Override
    public void hold(String spaceId, boolean held) {
      sensing.get().setHeld(spaceId, held);
    }
  }
}
