package dev.parkedge.gateway.cli;

/**
 * The daemon did not answer (not running, or too busy to). Reported as one line on stderr with exit
 * status 3, so scripts can tell it from a mistake of theirs (2).
 */
final class DaemonUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DaemonUnavailable(String message) {
    super(message);
  }
}
