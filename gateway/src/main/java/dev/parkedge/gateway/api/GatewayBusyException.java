package dev.parkedge.gateway.api;

/** The gateway did not answer in time: its domain thread is behind. The API answers 5.03. */
public final class GatewayBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GatewayBusyException(String message) {
    super(message);
  }
}
