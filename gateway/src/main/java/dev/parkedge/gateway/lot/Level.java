package dev.parkedge.gateway.lot;

import java.util.List;

/** A level (floor, deck) of the site. */
public record Level(String id, List<Zone> zones) {
  public Level {
    zones = List.copyOf(zones);
  }
}
