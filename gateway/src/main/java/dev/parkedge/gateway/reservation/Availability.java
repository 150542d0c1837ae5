package dev.parkedge.gateway.reservation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be booked for a window.
 *
 * @param spaces free spaces (first {@code limit} in site order)
 * @param freeSpaces how many spaces are free for the whole window
 * @param zones per zone, how many more reservations it takes for the window (its free spaces,
 *     bounded by its capacity)
 */
public record Availability(List<String> spaces, int freeSpaces, Map<String, Integer> zones) {
  public Availability {
    spaces = List.copyOf(spaces);
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
  }
}
