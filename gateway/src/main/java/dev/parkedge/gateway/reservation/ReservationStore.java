package dev.parkedge.gateway.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reservations as storage keeps them (a projection of the {@code reservation.*} journal entries).
 * Reads only; called at start and off the domain thread.
 */
public interface ReservationStore {

  /** Every reservation still booked or checked in, for the in-memory index at start. */
  List<Reservation> loadActive();

  Optional<Reservation> findByKey(String key);

  Optional<Reservation> find(String id);

  /**
   * Reservations overlapping {@code [from, to)}, by start, at most {@code limit}; {@code status}
   * null for any.
   */
  List<Reservation> list(Instant from, Instant to, Reservation.Status status, int limit);
}
