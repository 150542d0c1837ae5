package dev.parkedge.gateway.transport.coap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parkedge.gateway.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link PeerWarnings}: one warning per peer and kind per minute, however often it misbehaves. */
class CoapPeerWarningsTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger("coap-peer-warnings-test");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final FakeTime time = new FakeTime();
  private final PeerWarnings warnings = new PeerWarnings(logger, time);

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void warns_once_a_minute_per_peer_and_says_how_many_were_held_back() {
    for (int i = 0; i < 30; i++) {
      warnings.warn("sensor-1", "bad-packet", "coap coap: {}: bad packet {}", "sensor-1", i);
      time.advance(Duration.ofSeconds(1));
    }
    time.advance(Duration.ofSeconds(30));
    warnings.warn("sensor-1", "bad-packet", "coap coap: {}: bad packet {}", "sensor-1", 99);

    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "coap coap: sensor-1: bad packet 0",
            "coap coap: sensor-1: bad packet 99 (29 more like it since the last warning)");
  }

  @Test
  void another_peer_or_another_kind_of_trouble_gets_its_own_warning() {
    warnings.warn("sensor-1", "bad-packet", "a");
    warnings.warn("sensor-2", "bad-packet", "b");
    warnings.warn("sensor-1", "forbidden", "c");
    warnings.warn("sensor-1", "bad-packet", "d");

    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("a", "b", "c");
  }

  @Test
  void a_flood_of_made_up_peers_is_not_remembered_beyond_the_cap() {
    for (int i = 0; i < PeerWarnings.MAX_PEERS + 500; i++) {
      warnings.warn("identity-" + i, "unknown-identity", "unknown {}", i);
    }

    assertThat(logged.list).hasSize(PeerWarnings.MAX_PEERS);
    time.advance(Duration.ofMinutes(1));
    warnings.warn("identity-new", "unknown-identity", "unknown again");
    assertThat(logged.list).hasSize(PeerWarnings.MAX_PEERS + 1);
  }

  @Test
  void text_a_peer_chose_is_printable_and_short_in_the_log() {
    assertThat(PeerWarnings.printable("evil\nline\u0007")).isEqualTo("evil?line?");
    assertThat(PeerWarnings.printable("x".repeat(200))).hasSize(99).endsWith("...");
  }
}
