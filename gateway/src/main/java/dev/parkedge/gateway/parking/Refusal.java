package dev.parkedge.gateway.parking;

import java.util.Locale;

/**
 * A request about money or access that is refused, with a reason a person can act on. Nothing was
 * changed. The API answers it with a 4.xx code chosen by {@link #kind()}.
 */
public final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why, broadly: the API's response code follows from it. */
  public enum Kind {
    /** The request itself is wrong (a window that ends before it starts, a foreign currency). */
    INVALID,
    /** What it names does not exist (a space, a reservation, a session). */
    NOT_FOUND,
    /** It clashes with the state (space taken, already settled, key used with another body). */
    CONFLICT,
    /** The caller's role may not do this. */
    FORBIDDEN;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;

  public Refusal(Kind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  public static Refusal invalid(String reason) {
    return new Refusal(Kind.INVALID, reason);
  }

  public static Refusal notFound(String reason) {
    return new Refusal(Kind.NOT_FOUND, reason);
  }

  public static Refusal conflict(String reason) {
    return new Refusal(Kind.CONFLICT, reason);
  }

  public Kind kind() {
    return kind;
  }
}
