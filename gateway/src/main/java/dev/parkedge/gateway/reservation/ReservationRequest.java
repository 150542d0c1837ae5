package dev.parkedge.gateway.reservation;

import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A request to book: one space by id, or any space of a zone with the attributes asked for. Every
 * source (kiosk, operator, the cloud through sync) makes one of these and hands it to {@link
 * ReservationService#apply}.
 *
 * @param fingerprint a digest of the request's content: the same key with another fingerprint is
 *     refused
 * @param spaceId the space wanted, or null for any space of {@code zoneId}
 * @param zoneId the zone, or null when {@code spaceId} is given (or for any zone)
 * @param method how the booking is paid; {@code wallet} names the wallet for {@code WALLET}
 */
public record ReservationRequest(
    String key,
    String fingerprint,
    String source,
    String spaceId,
    String zoneId,
    Set<SpaceKind> kinds,
    Instant start,
    Instant end,
    String plate,
    PaymentMethod method,
    String wallet) {

  public ReservationRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(source, "source");
    kinds = Set.copyOf(kinds);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }
}
