package dev.parkedge.gateway.reservation;

import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One booking of one space for a window {@code [start, end)}. Immutable: every change is a new
 * value (and a journal entry).
 *
 * @param key the idempotency key it was created with
 * @param fingerprint what was asked, to tell a replay from another request with the same key
 * @param source who asked: {@code api} (kiosk, operator) or {@code cloud} (online, via sync)
 * @param zoneId the zone of {@code spaceId}
 * @param kinds the attributes asked for (ev, accessible, …); empty for any space
 * @param plate the vehicle's plate, for check-in by ANPR; null when not given
 * @param price what the booking cost (minor units), charged at creation
 * @param paymentId the movement that paid it; null when nothing was due
 * @param checkedInAt when the driver entered; null before
 * @param sessionId the session of that entry; null before
 */
public record Reservation(
    String id,
    String key,
    String fingerprint,
    String source,
    String spaceId,
    String zoneId,
    Set<SpaceKind> kinds,
    Instant start,
    Instant end,
    String plate,
    Status status,
    long price,
    String paymentId,
    PaymentMethod method,
    Instant createdAt,
    Instant checkedInAt,
    String sessionId) {

  /** Where a reservation is in its life. */
  public enum Status {
    /** Booked, the driver has not arrived. Holds its space. */
    BOOKED,
    /** The driver entered. Holds its space until its end. */
    CHECKED_IN,
    /** The driver left. */
    COMPLETED,
    CANCELLED,
    /** Released: the driver did not come within the no-show grace. */
    NO_SHOW;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String json) {
      return valueOf(json.toUpperCase(Locale.ROOT));
    }

    /** Whether a reservation in this status still claims its space. */
    public boolean active() {
      return this == BOOKED || this == CHECKED_IN;
    }
  }

  public Reservation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(zoneId, "zoneId");
    kinds = Set.copyOf(kinds);
    Objects.requireNonNull(status, "status");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("reservation " + id + " ends before it starts");
    }
  }

  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && from.isBefore(end);
  }

  public Reservation withStatus(Status next) {
    return new Reservation(
        id,
        key,
        fingerprint,
        source,
        spaceId,
        zoneId,
        kinds,
        start,
        end,
        plate,
        next,
        price,
        paymentId,
        method,
        createdAt,
        checkedInAt,
        sessionId);
  }

  public Reservation checkedIn(Instant at, String session) {
    return new Reservation(
        id,
        key,
        fingerprint,
        source,
        spaceId,
        zoneId,
        kinds,
        start,
        end,
        plate,
        Status.CHECKED_IN,
        price,
        paymentId,
        method,
        createdAt,
        at,
        session);
  }

  public Reservation movedTo(String space) {
    return new Reservation(
        id,
        key,
        fingerprint,
        source,
        space,
        zoneId,
        kinds,
        start,
        end,
        plate,
        status,
        price,
        paymentId,
        method,
        createdAt,
        checkedInAt,
        sessionId);
  }
}
