package dev.parkedge.gateway.lot;

import java.util.Locale;

/** What a space is for. Written in site files in lowercase, e.g. {@code reserved_only}. */
public enum SpaceKind {
  STANDARD,
  EV,
  ACCESSIBLE,
  COMPACT,
  MOTORCYCLE,
  RESERVED_ONLY,
  FAMILY,
  LARGE_VEHICLE;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
