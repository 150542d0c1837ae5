package dev.parkedge.gateway.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active reservations of one space, by start. They never overlap, so the only one that can
 * overlap a window is the last starting before its end: a check is one {@code floorEntry}, O(log
 * n), however many reservations the space has.
 */
final class SpaceCalendar {

  private final TreeMap<Instant, Reservation> byStart = new TreeMap<>();

  /** The reservation overlapping {@code [from, to)}, if any. */
  Optional<Reservation> conflict(Instant from, Instant to) {
    Map.Entry<Instant, Reservation> last = byStart.lowerEntry(to);
    if (last != null && last.getValue().end().isAfter(from)) {
      return Optional.of(last.getValue());
    }
    return Optional.empty();
  }

  boolean isFree(Instant from, Instant to) {
    return conflict(from, to).isEmpty();
  }

  void add(Reservation reservation) {
    Optional<Reservation> clash = conflict(reservation.start(), reservation.end());
    if (clash.isPresent() && !clash.get().id().equals(reservation.id())) {
      throw new IllegalStateException(
          "reservation " + reservation.id() + " overlaps " + clash.get().id());
    }
    byStart.put(reservation.start(), reservation);
  }

  void remove(Reservation reservation) {
    Reservation at = byStart.get(reservation.start());
    if (at != null && at.id().equals(reservation.id())) {
      byStart.remove(reservation.start());
    }
  }

  /** Every reservation overlapping {@code [from, to)}, by start. */
  List<Reservation> overlapping(Instant from, Instant to) {
    List<Reservation> found = new ArrayList<>();
    Map.Entry<Instant, Reservation> first = byStart.lowerEntry(from);
    if (first != null && first.getValue().end().isAfter(from)) {
      found.add(first.getValue());
    }
    found.addAll(byStart.subMap(from, true, to, false).values());
    return found;
  }

  boolean isEmpty() {
    return byStart.isEmpty();
  }
}
