package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.ledger.LedgerStore;
import dev.parkedge.gateway.reservation.ReservationStore;
import dev.parkedge.gateway.session.LaneGate;
import dev.parkedge.gateway.session.QrTokens;
import dev.parkedge.gateway.session.SessionStore;

/**
 * What the money-and-access side is built from (issue 6): its settings, the tariff, the keys of the
 * secrets file, the stores it restores from and reads through, and the gates it opens.
 */
public record ParkingParts(
    ParkingConfig config,
    Tariff tariff,
    ApiKeys apiKeys,
    QrTokens qrTokens,
    ReservationStore reservations,
    SessionStore sessions,
    LedgerStore ledger,
    LaneGate gate,
    Ids ids) {}
