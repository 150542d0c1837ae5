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

  /**
   * An indicator's or sign's verdict: in good order by definition, as the gateway cannot hear from
   * it. Shared, like {@link #OK}: a site has one display per space.
   */
  static final Health DISPLAY = new Health(Verdict.OK, "display: takes commands only");

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
