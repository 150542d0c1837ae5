package dev.parkedge.gateway.cli;

/**
 * A mistake in what the user gave us (arguments, files, payloads). Reported as one line on stderr
 * with exit status 2, never as a stack trace.
 */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
