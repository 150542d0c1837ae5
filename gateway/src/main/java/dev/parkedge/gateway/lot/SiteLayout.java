package dev.parkedge.gateway.lot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lot as installers describe it in {@code site.yaml}: validated (unique ids, each sensor on one
 * space, signs naming known zones) before it exists, and immutable.
 */
public record SiteLayout(SiteInfo site, List<Level> levels, List<Sign> signs) {

  public SiteLayout {
    levels = List.copyOf(levels);
    signs = List.copyOf(signs);
  }

  /** Every space, in file order. */
  public List<Space> spaces() {
    List<Space> spaces = new ArrayList<>();
    for (Level level : levels) {
      for (Zone zone : level.zones()) {
        spaces.addAll(zone.spaces());
      }
    }
    return Collections.unmodifiableList(spaces);
  }

  /** Every zone, in file order. */
  public List<Zone> zones() {
    List<Zone> zones = new ArrayList<>();
    for (Level level : levels) {
      zones.addAll(level.zones());
    }
    return Collections.unmodifiableList(zones);
  }

  /** Spaces by id. */
  public Map<String, Space> spacesById() {
    Map<String, Space> byId = new LinkedHashMap<>();
    spaces().forEach(space -> byId.put(space.id(), space));
    return byId;
  }

  public Optional<Zone> zone(String id) {
    return zones().stream().filter(zone -> zone.id().equals(id)).findFirst();
  }
}
