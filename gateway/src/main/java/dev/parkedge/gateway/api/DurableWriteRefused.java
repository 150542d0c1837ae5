package dev.parkedge.gateway.api;

/**
 * A request that must be durably recorded before it is answered (a note now; payments later) is
 * refused because storage cannot take it: nothing was recorded. The API answers 5.03 with the
 * reason, e.g. {@code refused, nothing recorded: disk full: …}.
 */
public final class DurableWriteRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DurableWriteRefused(String message) {
    super(message);
  }
}
