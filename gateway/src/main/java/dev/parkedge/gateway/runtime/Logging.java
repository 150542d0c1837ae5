package dev.parkedge.gateway.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.parkedge.gateway.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Logging for every parkedge command: one line per event on stderr (stdout stays machine-readable),
 * INFO by default, Californium's start-up narration at WARN. Configured in code rather than
 * logback.xml: parsing XML loads some 600 classes (Joran and the JDK's XML parser) that a small box
 * pays for in memory and start-up time.
 */
public final class Logging extends ContextAwareBase implements Configurator {

  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
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

  /** Applies {@code logging.level} from gateway.yaml to the running daemon. */
  public static void apply(LoggingConfig config) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context
          .getLogger(Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.toLevel(config.level(), Level.INFO));
    }
  }
}
