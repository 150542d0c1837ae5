package dev.parkedge.gateway.remote;

/**
 * What a handler did: applied (with what it did, for the result), or refused with a reason.
 *
 * @param detail what was done, e.g. {@code space A-1 in maintenance}; null when refused
 * @param reason why not; null when applied
 */
public record CommandOutcome(boolean applied, String detail, String reason) {
  public static CommandOutcome applied(String detail) {
    return new CommandOutcome(true, detail, null);
  }

  public static CommandOutcome refused(String reason) {
    return new CommandOutcome(false, null, reason);
  }

  /** The answer for a kind no handler is wired for in this gateway. */
  public static CommandOutcome notSupportedYet() {
    return refused("not supported by this gateway yet");
  }
}
