package dev.parkedge.gateway.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.eclipse.paho.client.mqttv3.logging.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PahoLog}: Paho's lines arrive in the daemon's log, at their level, in plain words. */
class PahoLogTest {

  private static final String LOGGER = "org.eclipse.paho.client.mqttv3.internal.ClientComms";

  private final Logger target = (Logger) org.slf4j.LoggerFactory.getLogger(LOGGER);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;
  private org.eclipse.paho.client.mqttv3.logging.Logger paho;

  @BeforeEach
  void listen() {
    PahoLog.install();
    paho = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, LOGGER);
    paho.setResourceName("parkedge-hq");
    levelBefore = target.getLevel();
    target.setLevel(Level.TRACE);
    logged.start();
    target.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    target.detachAppender(logged);
    target.setLevel(levelBefore);
  }

  @Test
  void pahos_factory_hands_out_this_logger_once_installed() {
    assertThat(paho).isInstanceOf(PahoLog.class);
  }

  @ParameterizedTest(name = "Paho level {0} is logged at {1}")
  @CsvSource({
    "1, ERROR", // SEVERE
    "2, WARN", // WARNING
    "3, INFO",
    "4, DEBUG", // CONFIG
    "5, DEBUG", // FINE
    "6, TRACE", // FINER
    "7, TRACE" // FINEST
  })
  void each_paho_level_arrives_at_its_slf4j_level(int pahoLevel, String level) {
    paho.log(pahoLevel, LOGGER, "connect", "208", null, null);

    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getLevel).hasToString(level);
  }

  @Test
  void a_line_is_the_catalogues_text_with_its_values_filled_in_and_the_client_named() {
    paho.warning(LOGGER, "connect", "204", new Object[] {5});

    assertThat(logged.list)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo("parkedge-hq: connect: connect failed: rc=5");
  }

  @Test
  void a_key_the_catalogue_lacks_is_logged_as_it_came() {
    paho.severe(LOGGER, "run", "no such key {0}", new Object[] {"x"});

    assertThat(logged.list)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo("parkedge-hq: run: no such key x");
  }

  @Test
  void the_exception_paho_passes_travels_with_its_line() {
    IllegalStateException failure = new IllegalStateException("socket closed");

    paho.severe(LOGGER, "run", "209", null, failure);

    assertThat(logged.list.get(0).getThrowableProxy().getMessage()).isEqualTo("socket closed");
  }

  @Test
  void a_level_switched_off_is_neither_formatted_nor_logged() {
    target.setLevel(Level.INFO);

    paho.fine(LOGGER, "internalSend", "200", new Object[] {"k", "m", "t"});

    assertThat(paho.isLoggable(org.eclipse.paho.client.mqttv3.logging.Logger.FINE)).isFalse();
    assertThat(logged.list).isEmpty();
  }
}
