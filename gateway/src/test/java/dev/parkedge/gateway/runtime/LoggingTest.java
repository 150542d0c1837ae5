package dev.parkedge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.parkedge.gateway.config.LoggingConfig;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  @ParameterizedTest(name = "{0} {1}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          false | INFO  | dev.parkedge.gateway.runtime.Gateway | 2026-11-22T09:15:02.125+01:00 INFO  [domain] Gateway - started
          false | ERROR | Gateway                               | 2026-11-22T09:15:02.125+01:00 ERROR [domain] Gateway - started
          true  | ERROR | dev.parkedge.gateway.runtime.Gateway | <3>ERROR [domain] Gateway - started
          true  | WARN  | dev.parkedge.gateway.runtime.Gateway | <4>WARN  [domain] Gateway - started
          true  | INFO  | dev.parkedge.gateway.runtime.Gateway | <6>INFO  [domain] Gateway - started
          true  | DEBUG | dev.parkedge.gateway.runtime.Gateway | <7>DEBUG [domain] Gateway - started
          true  | TRACE | dev.parkedge.gateway.runtime.Gateway | <7>TRACE [domain] Gateway - started
          """)
  void writes_one_line_per_event_with_the_journal_priority_instead_of_the_time_under_systemd(
      boolean journal, String level, String logger, String expected) {
    ILoggingEvent event = event(logger, Level.toLevel(level), null);

    assertThat(line(journal).doLayout(event)).isEqualTo(expected + System.lineSeparator());
  }

  @Test
  void writes_the_stack_trace_under_the_line_of_an_event_that_carries_one() {
    ILoggingEvent event = event("x.Gateway", Level.WARN, new IllegalStateException("disk full"));

    String text = line(false).doLayout(event);

    assertThat(text)
        .startsWith(
            "2026-11-22T09:15:02.125+01:00 WARN  [domain] Gateway - started"
                + System.lineSeparator()
                + "java.lang.IllegalStateException: disk full")
        .contains("\tat dev.parkedge.gateway.runtime.LoggingTest")
        .endsWith(System.lineSeparator());
  }

  private Logging.Line line(boolean journal) {
    Logging.Line line = new Logging.Line(journal, ZoneId.of("Europe/Berlin"));
    line.setContext(context);
    line.start();
    return line;
  }

  private ILoggingEvent event(String logger, Level level, Throwable thrown) {
    LoggingEvent event =
        new LoggingEvent(
            "fqcn", context.getLogger(logger), level, "{}", thrown, new Object[] {"started"});
    event.setThreadName("domain");
    event.setTimeStamp(Instant.parse("2026-11-22T08:15:02.125Z").toEpochMilli());
    return event;
  }

  @Test
  void applies_the_level_from_gateway_yaml() {
    Logging.apply(new LoggingConfig("debug"));

    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
  }
}
