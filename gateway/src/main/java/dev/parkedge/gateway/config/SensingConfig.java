package dev.parkedge.gateway.config;

import java.time.Duration;

/**
 * Sensing tuning.
 *
 * @param debounce a new state must hold this long before it counts (0 = at once)
 * @param staleAfter no frame from a space's sensor for this long: the space becomes unknown
 */
public record SensingConfig(Duration debounce, Duration staleAfter) {}
