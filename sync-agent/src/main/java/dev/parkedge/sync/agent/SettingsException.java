package dev.parkedge.sync.agent;

import java.io.IOException;

/**
 * sync.yaml cannot be used: missing, not YAML, an unknown key, a required key left out. The message
 * names the file and what is wrong; the command line prints it as one line and exits 2, and the
 * unit does not restart on it (a restart cannot fix a file).
 */
public final class SettingsException extends IOException {
  public SettingsException(String message) {
    super(message);
  }

  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
