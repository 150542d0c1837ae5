package dev.parkedge.proto.lorawan;

/**
 * A payload a sensor decoder cannot decode. The message names the model, the port and what was
 * expected, e.g. {@code nwave-nps405 fPort 1: expected 1 byte, got 3}.
 */
public final class PayloadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String model;
  private final int fPort;

  public PayloadException(String model, int fPort, String problem) {
    super(model + " fPort " + fPort + ": " + problem);
    this.model = model;
    this.fPort = fPort;
  }

  public String model() {
    return model;
  }

  public int fPort() {
    return fPort;
  }
}
