package dev.parkedge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import dev.parkedge.gateway.config.LoggingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

  @AfterEach
  void restore() {
    root.setLevel(Level.INFO);
  }

  @Test
  void logs_to_stderr_at_info_with_californium_quieted() {
    var appender = root.getAppender("stderr");

    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.eclipse.californium").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void applies_the_level_from_gateway_yaml() {
    Logging.apply(new LoggingConfig("debug"));

    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
  }
}
