package dev.parkedge.gateway.lot;

import java.util.List;

/** A zone of a level: the unit count signs count. */
public record Zone(String id, String levelId, List<Space> spaces) {
  public Zone {
    spaces = List.copyOf(spaces);
  }
}
