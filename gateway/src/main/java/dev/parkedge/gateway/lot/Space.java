package dev.parkedge.gateway.lot;

import java.util.Objects;
import java.util.Set;

/**
 * One parking space as the installer described it.
 *
 * @param sensor the sensor watching it, or null when none is paired yet
 * @param indicator the light above it, or null
 */
public record Space(
    String id,
    String levelId,
    String zoneId,
    Set<SpaceKind> kinds,
    DeviceAddress sensor,
    DeviceAddress indicator) {
  public Space {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(levelId, "levelId");
    Objects.requireNonNull(zoneId, "zoneId");
    kinds = Set.copyOf(kinds);
  }
}
