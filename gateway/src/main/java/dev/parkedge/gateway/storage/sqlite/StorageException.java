package dev.parkedge.gateway.storage.sqlite;

/**
 * The database cannot be used. The message is for the operator: it names the file, what is wrong
 * and what to do, and is fit to print as the daemon's last line before it exits (no stack trace).
 */
public final class StorageException extends Exception {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
