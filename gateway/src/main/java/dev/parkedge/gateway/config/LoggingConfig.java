package dev.parkedge.gateway.config;

/**
 * Logging.
 *
 * @param level the root level: error, warn, info, debug or trace; default info
 */
public record LoggingConfig(String level) {}
