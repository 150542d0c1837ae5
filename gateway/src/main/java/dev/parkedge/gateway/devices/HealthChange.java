package dev.parkedge.gateway.devices;

/** A device whose verdict changed at the last assessment. */
public record HealthChange(long eui, Health from, Health to) {}
