package dev.parkedge.gateway.session;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One vehicle's stay, from entry to exit. Immutable: each change is a new value and a journal
 * entry.
 *
 * @param vehicle how the gate knows the vehicle: {@code plate:AB123CD}, {@code ticket:000123} or
 *     {@code reservation:R-…}; one open session per vehicle
 * @param ticket the ticket number (drive-ins), or null
 * @param plate the plate read at entry, or null
 * @param reservationId the reservation checked in with, or null for a drive-in
 * @param paidAt when the stay was last paid (for the exit grace after payment), or null
 * @param exitReason why the exit gate opened: {@code paid}, {@code free}, {@code manual:
 *     <operator>: <reason>}; null while open
 */
public record Session(
    String id,
    String vehicle,
    String ticket,
    String plate,
    String reservationId,
    int entryLane,
    Instant entry,
    Status status,
    Instant paidAt,
    boolean lostTicket,
    Integer exitLane,
    Instant exit,
    String exitReason) {

  /** Open while the vehicle is inside. */
  public enum Status {
    OPEN,
    CLOSED;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String json) {
      return valueOf(json.toUpperCase(Locale.ROOT));
    }
  }

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vehicle, "vehicle");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(status, "status");
  }

  public Session paid(Instant at) {
    return new Session(
        id,
        vehicle,
        ticket,
        plate,
        reservationId,
        entryLane,
        entry,
        status,
        at,
        lostTicket,
        exitLane,
        exit,
        exitReason);
  }

  public Session withLostTicket() {
    return new Session(
        id,
        vehicle,
        ticket,
        plate,
        reservationId,
        entryLane,
        entry,
        status,
        paidAt,
        true,
        exitLane,
        exit,
        exitReason);
  }

  public Session closed(int lane, Instant at, String reason) {
    return new Session(
        id,
        vehicle,
        ticket,
        plate,
        reservationId,
        entryLane,
        entry,
        Status.CLOSED,
        paidAt,
        lostTicket,
        lane,
        at,
        reason);
  }
}
