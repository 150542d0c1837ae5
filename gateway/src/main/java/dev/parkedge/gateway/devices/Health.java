package dev.parkedge.gateway.devices;

import java.util.Locale;

/**
 * A device's health verdict and why.
 *
 * @param reason one line, e.g. {@code battery 2850 mV below 3000 mV}
 */
public record Health(Verdict verdict, String reason) {

  /** The verdicts, worst last. */
  public enum Verdict {
    OK,
    DEGRADED,
    STALE,
    ORPHAN;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
