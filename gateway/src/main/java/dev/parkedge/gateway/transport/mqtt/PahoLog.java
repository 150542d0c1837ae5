package dev.parkedge.gateway.transport.mqtt;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Paho's log lines into the daemon's own log ({@link #install()}), instead of {@code
 * java.util.logging}, Paho's default: there they went to stderr in another format than every other
 * line, {@code parkedge log-level org.eclipse.paho debug} could not reach them, and starting {@code
 * java.util.logging} for them loaded its log manager, handlers and some 25 classes into every
 * LoRaWAN daemon (gateway/DESIGN-DECISIONS.md).
 *
 * <p>Paho names each line by a key of its message catalogue and passes its values; a line is looked
 * up and formatted only when its level is enabled. Paho's levels map to SLF4J's: SEVERE to error,
 * WARNING to warn, INFO to info, CONFIG and FINE to debug, FINER and FINEST to trace.
 */
public final class PahoLog implements org.eclipse.paho.client.mqttv3.logging.Logger {

  /**
   * Makes every Paho class created from now on log through this. Call before the first Paho client
   * exists: Paho's classes take their logger once, when they are loaded.
   */
  public static void install() {
    org.eclipse.paho.client.mqttv3.logging.LoggerFactory.setLogger(PahoLog.class.getName());
  }

  private Logger log = LoggerFactory.getLogger("org.eclipse.paho.client.mqttv3");
  private ResourceBundle catalogue;
  private String client;

  /** Created by Paho's logger factory. */
  public PahoLog() {}

  @Override
  public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
    this.catalogue = messageCatalog;
    this.log = LoggerFactory.getLogger(loggerId);
    this.client = resourceName;
  }

  @Override
  public void setResourceName(String logContext) {
    this.client = logContext;
  }

  @Override
  public boolean isLoggable(int level) {
    return log.isEnabledForLevel(slf4j(level));
  }

  @Override
  public void log(
      int level,
      String sourceClass,
      String sourceMethod,
      String msg,
      Object[] inserts,
      Throwable thrown) {
    Level at = slf4j(level);
    if (!log.isEnabledForLevel(at)) {
      return;
    }
    log.atLevel(at)
        .setCause(thrown)
        .log(
            (client == null || client.isEmpty() ? "" : client + ": ")
                + sourceMethod
                + ": "
                + formatMessage(msg, inserts));
  }

  /** Paho's level (java.util.logging's numbering, 1 = SEVERE … 7 = FINEST) as SLF4J's. */
  private static Level slf4j(int level) {
    return switch (level) {
      case SEVERE -> Level.ERROR;
      case WARNING -> Level.WARN;
      case INFO -> Level.INFO;
      case CONFIG, FINE -> Level.DEBUG;
      default -> Level.TRACE;
    };
  }

  @Override
  public void trace(
      int level,
      String sourceClass,
      String sourceMethod,
      String msg,
      Object[] inserts,
      Throwable thrown) {
    log(level, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  /** The catalogue's text for {@code msg} (or {@code msg} itself), with its values filled in. */
  @Override
  public String formatMessage(String msg, Object[] inserts) {
    String text = msg;
    if (catalogue != null && msg != null) {
      try {
        text = catalogue.getString(msg);
      } catch (MissingResourceException e) {
        // not a catalogue key: logged as it came
      }
    }
    if (inserts == null || inserts.length == 0 || text == null) {
      return text;
    }
    try {
      return new MessageFormat(text, Locale.ROOT).format(inserts);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  @Override
  public void dumpTrace() {
    // Paho's in-memory trace buffer belongs to its java.util.logging logger; there is none here.
  }

  @Override
  public void severe(String sourceClass, String sourceMethod, String msg) {
    log(SEVERE, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void severe(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void warning(String sourceClass, String sourceMethod, String msg) {
    log(WARNING, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void warning(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void info(String sourceClass, String sourceMethod, String msg) {
    log(INFO, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(INFO, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void info(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void config(String sourceClass, String sourceMethod, String msg) {
    log(CONFIG, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void config(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void fine(String sourceClass, String sourceMethod, String msg) {
    log(FINE, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINE, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void fine(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void finer(String sourceClass, String sourceMethod, String msg) {
    log(FINER, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINER, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void finer(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void finest(String sourceClass, String sourceMethod, String msg) {
    log(FINEST, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void finest(
      String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
  }
}
