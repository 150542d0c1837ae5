package dev.parkedge.sync.mqtt;

/** A connection attempt that failed, with a one-line reason. */
public final class LinkFailure extends Exception {
  private final boolean protocolRefused;

  public LinkFailure(String message, boolean protocolRefused, Throwable cause) {
    super(message, cause);
    this.protocolRefused = protocolRefused;
  }

  /** The broker does not speak the protocol version asked for. */
  public boolean protocolRefused() {
    return protocolRefused;
  }
}
