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
  void stderr_is_the_journal_only_when_journal_stream_names_it(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path stderr = java.nio.file.Files.createFile(dir.resolve("stderr"));
    String devIno =
        java.nio.file.Files.getAttribute(stderr, "unix:dev")
            + ":"
            + java.nio.file.Files.getAttribute(stderr, "unix:ino");

    assertThat(Logging.stderrIsJournal(devIno, stderr)).isTrue();
    assertThat(Logging.stderrIsJournal("1:2", stderr)).isFalse();
    assertThat(Logging.stderrIsJournal(null, stderr)).isFalse();
  }

  @Test
  void changes_a_level_at_run_time_and_refuses_a_made_up_one() {
    assertThat(Logging.level(null, "debug").level()).isEqualTo("debug");
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(Logging.level("root", null).level()).isEqualTo("debug");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Logging.level(null, "verbose"))
        .hasMessageContaining("\"verbose\" is not a log level");
  }

  @Test
  void applies_the_level_from_gateway_yaml() {
    Logging.apply(new LoggingConfig("debug"));

    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
  }
}
