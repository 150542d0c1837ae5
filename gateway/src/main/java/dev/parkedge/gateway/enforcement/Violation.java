package dev.parkedge.gateway.enforcement;

import java.time.Instant;
import java.util.Locale;

/**
 * A confirmed breach of the lot's rules, journaled for head office.
 *
 * @param subject what it is about: a space id, a session id, or the site (for a count)
 * @param ref what the penalty is charged to: the session for an overstay, else the violation
 * @param penalty minor units charged (0 when the schedule has none)
 */
public record Violation(
    String id, Kind kind, String subject, String ref, long penalty, Instant at, String detail) {

  /** What rule was broken. */
  public enum Kind {
    /** Beyond a reservation's end (and the tariff's late grace), or beyond the maximum stay. */
    OVERSTAY,
    /** A space held for a reservation is occupied by a car that did not check in. */
    RESERVED_SPACE,
    /** An accessible space occupied without an accessible reservation on it. */
    ACCESSIBLE_SPACE,
    /** An EV space occupied without an EV reservation on it. */
    EV_SPACE,
    /** In a gated lot, more spaces occupied than sessions open. */
    NO_SESSION;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String json) {
      return valueOf(json.toUpperCase(Locale.ROOT));
    }
  }
}
