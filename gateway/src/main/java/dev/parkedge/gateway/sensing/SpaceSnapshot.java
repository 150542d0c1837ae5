package dev.parkedge.gateway.sensing;

import java.time.Instant;

/**
 * A space as the outside sees it: id, where it is, what it shows and since when.
 *
 * @param sensor the paired sensor's EUI, or null
 */
public record SpaceSnapshot(
    String id, String level, String zone, SpaceState state, Instant since, Long sensor) {}
