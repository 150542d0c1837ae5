package dev.parkedge.gateway.devices;

import java.util.Locale;

/** What a device is in the lot, from site.yaml; UNKNOWN for an orphan. */
public enum DeviceRole {
  SENSOR,
  INDICATOR,
  SIGN,
  BRIDGE,
  UNKNOWN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
