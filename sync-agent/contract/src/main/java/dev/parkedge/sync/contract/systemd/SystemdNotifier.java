package dev.parkedge.sync.contract.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notification protocol through libsystemd's {@code sd_notify(3)}, called with JNA: pure
 * Java cannot send a datagram on a unix socket (Java 17's channels do stream sockets only), and
 * libsystemd knows the protocol's details (abstract sockets, credentials). Outside systemd ({@code
 * NOTIFY_SOCKET} unset) nothing is loaded and every call does nothing.
 */
public final class SystemdNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

  /** The one function we need from libsystemd.so.0. */
  interface LibSystemd extends Library {
    int sd_notify(int unsetEnvironment, String state);
  }

  private final LibSystemd lib;
  private final Optional<Duration> watchdog;

  private SystemdNotifier(LibSystemd lib, Optional<Duration> watchdog) {
    this.lib = lib;
    this.watchdog = watchdog;
  }

  /** The notifier this process's environment asks for: systemd's, or {@link Notifier#NONE}. */
  public static Notifier fromEnvironment() {
    return from(System.getenv(), ProcessHandle.current().pid());
  }

  static Notifier from(Map<String, String> env, long pid) {
    if (env.get("NOTIFY_SOCKET") == null || env.get("NOTIFY_SOCKET").isBlank()) {
      return Notifier.NONE;
    }
    LibSystemd lib;
    try {
      lib = Native.load("systemd", LibSystemd.class);
    } catch (UnsatisfiedLinkError e) {
      log.warn(
          "systemd: NOTIFY_SOCKET is set but libsystemd cannot be loaded ({}); systemd will not"
              + " hear that this process is ready",
          e.getMessage());
      return Notifier.NONE;
    }
    return new SystemdNotifier(lib, watchdogTimeout(env, pid));
  }

  /**
   * {@code WATCHDOG_USEC}, when {@code WATCHDOG_PID} is unset or names this process (as
   * sd_watchdog_enabled(3) reads them).
   */
  static Optional<Duration> watchdogTimeout(Map<String, String> env, long pid) {
    String usec = env.get("WATCHDOG_USEC");
    String forPid = env.get("WATCHDOG_PID");
    if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
      return Optional.empty();
    }
    try {
      long micros = Long.parseLong(usec.strip());
      return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void send(String state) {
    int result = lib.sd_notify(0, state);
    if (result < 0) {
      log.warn("systemd: sd_notify({}) failed with {}", state.split("\n")[0], result);
    }
  }

  @Override
  public void ready(String status) {
    send("READY=1\nSTATUS=" + oneLine(status));
    log.info("systemd: told READY=1");
  }

  @Override
  public void watchdog() {
    send("WATCHDOG=1");
  }

  @Override
  public void status(String text) {
    send("STATUS=" + oneLine(text));
  }

  @Override
  public void stopping() {
    send("STOPPING=1");
  }

  @Override
  public Optional<Duration> watchdogTimeout() {
    return watchdog;
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s*\\R\\s*", " ");
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
