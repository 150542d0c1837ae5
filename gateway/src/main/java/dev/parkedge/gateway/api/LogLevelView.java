package dev.parkedge.gateway.api;

/**
 * A logger's level in the running daemon.
 *
 * @param logger the logger's name; "root" for every logger without a level of its own
 * @param level error, warn, info, debug or trace
 */
public record LogLevelView(String logger, String level) {}
