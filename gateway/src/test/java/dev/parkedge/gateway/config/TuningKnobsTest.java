package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Tuning knobs out of range do not stop the gateway: they are clamped, with a warning. */
class TuningKnobsTest {

  @TempDir Path dir;

  private final Logger logger = (Logger) LoggerFactory.getLogger(GatewayReader.class);
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

  @BeforeEach
  void capture_warnings() {
    warnings.start();
    logger.addAppender(warnings);
  }

  @AfterEach
  void stop_capturing() {
    logger.detachAppender(warnings);
  }

  @Test
  void clamps_each_knob_into_its_range_and_warns_naming_file_line_and_key() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            """
            sensing:
              debounce: 1h
              stale_after: 1s
            displays:
              refresh: 1d2h
            """);

    GatewayConfig config = ConfigLoader.loadGateway(file);

    assertThat(config.sensing().debounce()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.sensing().staleAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.displays().refresh()).isEqualTo(Duration.ofHours(1));
    assertThat(warnings.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "config: gateway.yaml:2: sensing.debounce: 1h is outside 0s..10m; using 10m",
            "config: gateway.yaml:3: sensing.stale_after: 1s is outside 2s..7d; using 2s",
            "config: gateway.yaml:5: displays.refresh: 1d2h is outside 5s..1h; using 1h");
  }

  @Test
  void keeps_values_in_range_without_a_word() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"), "sensing: { debounce: 250ms, stale_after: 1h30m }\n");

    GatewayConfig config = ConfigLoader.loadGateway(file);

    assertThat(config.sensing())
        .isEqualTo(new SensingConfig(Duration.ofMillis(250), Duration.ofMinutes(90)));
    assertThat(warnings.list).isEmpty();
  }
}
