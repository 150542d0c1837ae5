package dev.parkedge.gateway.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.parkedge.gateway.api.LogLevelView;
import dev.parkedge.gateway.config.LoggingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging for every parkedge command: one line per event on stderr (stdout stays machine-readable),
 * INFO by default, Californium's start-up narration at WARN. Configured in code rather than
 * logback.xml: parsing XML loads some 600 classes (Joran and the JDK's XML parser) that a small box
 * pays for in memory and start-up time.
 *
 * <p>Under systemd, with stderr connected to the journal, each line starts with its syslog priority
 * ({@code <6>}) and carries no timestamp: the journal stamps every line itself, and reads the
 * priority so that {@code journalctl -p warning} works.
 *
 * <p>The line is written by {@link Line} rather than a PatternLayout: PatternLayout registers some
 * seventy converters as lambdas and parses its pattern, about 150 classes (~1 MB resident) for a
 * format that never changes.
 */
public final class Logging extends ContextAwareBase implements Configurator {

  static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    boolean journal = stderrIsJournal(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));
    Line line = new Line(journal, ZoneId.systemDefault());
    line.setContext(context);
    line.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(line);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    // Californium narrates its start-up at INFO (modules, executors, sockets); every command
    // that asks the daemon would print a dozen lines before its answer.
    context.getLogger("org.eclipse.californium").setLevel(Level.WARN);
    // Pi4J narrates every context at INFO (board detection, runtime start and stop); the gpio
    // adapter logs the one line that matters.
    context.getLogger("com.pi4j").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether stderr is the journal: systemd sets {@code JOURNAL_STREAM=<dev>:<inode>} of the stream
   * it connected, and a child that redirected stderr elsewhere inherits the variable but not the
   * stream, so the device and inode of fd 2 must match (as sd_journal_stream_fd(3) says). When they
   * cannot be read, the variable alone decides.
   */
  static boolean stderrIsJournal(String journalStream, Path stderr) {
    if (journalStream == null || !journalStream.matches("\\d+:\\d+")) {
      return false;
    }
    try {
      Object dev = Files.getAttribute(stderr, "unix:dev");
      Object ino = Files.getAttribute(stderr, "unix:ino");
      return journalStream.equals(dev + ":" + ino);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
  }

  /** Applies {@code logging.level} from gateway.yaml to the running daemon. */
  public static void apply(LoggingConfig config) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context
          .getLogger(Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.toLevel(config.level(), Level.INFO));
    }
  }

  /**
   * Reads or sets a logger's level at run time ({@code parkedge log-level}).
   *
   * @throws IllegalArgumentException when {@code level} is not one of {@link #LEVELS}
   */
  public static LogLevelView level(String logger, String level) {
    String name = logger == null || logger.isBlank() ? "root" : logger.strip();
    if (level != null && !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "\"" + level + "\" is not a log level (one of " + String.join(", ", LEVELS) + ")");
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new LogLevelView(name, level == null ? "info" : level);
    }
    Logger target = context.getLogger(name.equals("root") ? Logger.ROOT_LOGGER_NAME : name);
    if (level != null) {
      Level before = target.getEffectiveLevel();
      target.setLevel(Level.toLevel(level, Level.INFO));
      LoggerFactory.getLogger(Logging.class)
          .info("logging: {} level {} -> {} (until restart)", name, before, target.getLevel());
    }
    return new LogLevelView(name, target.getEffectiveLevel().toString().toLowerCase(Locale.ROOT));
  }

  /**
   * One event as one line: {@code 2026-11-22T09:15:02.125+01:00 INFO [domain] Gateway - message},
   * its stack trace below when it has one. For the journal the timestamp gives way to the syslog
   * priority: {@code <3>} for ERROR, {@code <4>} WARN, {@code <6>} INFO, {@code <7>} DEBUG and
   * TRACE.
   */
  static final class Line extends LayoutBase<ILoggingEvent> {

    private final boolean journal;
    private final DateTimeFormatter time;

    Line(boolean journal, ZoneId zone) {
      this.journal = journal;
      this.time =
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(zone);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(128);
      int level = event.getLevel().toInt();
      if (journal) {
        line.append(
            switch (level) {
              case Level.ERROR_INT -> "<3>";
              case Level.WARN_INT -> "<4>";
              case Level.INFO_INT -> "<6>";
              default -> "<7>";
            });
      } else {
        time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        line.append(' ');
      }
      String name = event.getLevel().toString();
      line.append(name).append("     ", 0, Math.max(0, 5 - name.length()));
      line.append(" [").append(event.getThreadName()).append("] ");
      String logger = event.getLoggerName();
      line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
      line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
      }
      return line.toString();
    }
  }
}
