package dev.parkedge.proto.psp;

/** A packet or frame that is not valid PSP/1. The message starts with the error's code. */
public final class PspFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final FrameError error;

  public PspFormatException(FrameError error, String detail) {
    super(error.code() + ": " + detail);
    this.error = error;
  }

  public FrameError error() {
    return error;
  }
}
