package dev.parkedge.gateway.api;

/**
 * One space as {@code parkedge spaces --json} prints it: {@code id, level, zone, state, since,
 * sensor}.
 *
 * @param state free, occupied, reserved, maintenance or unknown
 * @param since ISO-8601 UTC instant the state began
 * @param sensor the paired sensor's EUI (16 hex digits), or null
 */
public record SpaceView(
    String id, String level, String zone, String state, String since, String sensor) {}
