package dev.parkedge.gateway.config;

import java.time.Duration;

/**
 * Display tuning.
 *
 * @param refresh every display is re-sent its state this often
 */
public record DisplayConfig(Duration refresh) {}
