package dev.parkedge.gateway.devices;

import java.util.Locale;

/**
 * A device's health verdict and why.
 *
 * @param reason one line, e.g. {@code battery 2850 mV below 3000 mV}
 */
public record Health(Verdict verdict, String reason) {

  /** In good order; shared, as most devices are. */
  public static final Health OK = new Health(Verdict.OK, "");

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
