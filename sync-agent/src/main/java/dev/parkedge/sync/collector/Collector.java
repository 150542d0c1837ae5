package dev.parkedge.sync.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.SignedCommand;
import dev.parkedge.sync.mqtt.CloudLink;
import dev.parkedge.sync.mqtt.CloudLinks;
import dev.parkedge.sync.mqtt.LinkFailure;
import dev.parkedge.sync.mqtt.LinkSettings;
import dev.parkedge.sync.wire.Ack;
import dev.parkedge.sync.wire.EventBatch;
import dev.parkedge.sync.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head-office collector: subscribes to every site of one tenant ({@code
 * parkedge/v1/{tenant}/+/up/#}, a persistent session so batches wait at the broker while it is
 * down), stores each batch idempotently, then acknowledges the site's watermark; records statuses
 * and command results; signs and sends commands. A message is acknowledged to the broker only once
 * stored: a store that fails drops the connection and the broker delivers it again.
 */
public final class Collector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Collector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant;
  private final LinkSettings link;
  private final EventStore store;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile CloudLink current;
  private volatile boolean lost;

  public Collector(String tenant, LinkSettings link, EventStore store, Clock clock) {
    this.tenant = tenant;
    this.link = link;
    this.store = store;
    this.clock = clock;
    this.thread = new Thread(this::loop, "collector-link");
  }

  /** Settings for a collector of {@code tenant}: its subscription and a persistent session. */
  public static LinkSettings settings(
      String tenant,
      String url,
      String username,
      char[] password,
      javax.net.ssl.SSLSocketFactory tls) {
    return new LinkSettings(
        url,
        "parkedge-collector-" + tenant,
        username,
        password,
        tls,
        Duration.ofSeconds(20),
        true,
        Duration.ofDays(7),
        List.of(Topics.tenantUp(tenant)),
        null,
        null,
        256,
        "auto");
  }

  public Collector start() {
    thread.start();
    return this;
  }

  public EventStore store() {
    return store;
  }

  public boolean connected() {
    CloudLink link = current;
    return link != null && link.connected() && !lost;
  }

  private void loop() {
    long delay = 500;
    while (running) {
      try {
        if (!connected()) {
          CloudLink old = current;
          current = null;
          if (old != null) {
            old.close();
          }
          try {
            current = CloudLinks.connect(link, new Incoming());
            lost = false;
            delay = 500;
            log.info(
                "collector {}: connected to {} (MQTT {})", tenant, link.url(), current.protocol());
          } catch (LinkFailure e) {
            log.warn(
                "collector {}: connecting failed: {}; retrying in {} ms",
                tenant,
                e.getMessage(),
                delay);
            Thread.sleep(delay);
            delay = Math.min(delay * 2, 30_000);
          }
        } else {
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final class Incoming implements CloudLink.Listener {
    @Override
    public void message(String topic, byte[] payload) throws Exception {
      String[] parts = Topics.parse(topic);
      if (parts == null || !parts[0].equals(tenant) || !parts[2].equals("up")) {
        log.warn("collector {}: message on unexpected topic {} ignored", tenant, topic);
        return;
      }
      String site = parts[1];
      switch (parts[3]) {
        case "events" -> onEvents(site, payload);
        case "results" -> onResult(site, payload);
        case "status" ->
            store.recordStatus(site, new String(payload, StandardCharsets.UTF_8), clock.millis());
        default -> log.warn("collector {}: unknown topic {} ignored", tenant, topic);
      }
    }

    @Override
    public void lost(Throwable cause) {
      if (running) {
        log.warn("collector {}: connection lost: {}", tenant, cause.toString());
      }
      lost = true;
    }
  }

  private void onEvents(String site, byte[] payload) throws SQLException {
    EventBatch batch;
    try {
      batch = EventBatch.decode(payload);
    } catch (IOException | RuntimeException e) {
      log.warn("collector {}: batch from {} refused: {}", tenant, site, e.getMessage());
      return;
    }
    if (!batch.site().equals(site)) {
      log.warn(
          "collector {}: batch on {}'s topic claims site {}; refused", tenant, site, batch.site());
      return;
    }
    long watermark = store.store(batch, clock.millis());
    CloudLink link = current;
    if (link != null) {
      link.publish(
          new Topics(tenant, site).ack(), new Ack(watermark, batch.batch()).encode(), 1, false);
    }
  }

  private void onResult(String site, byte[] payload) throws SQLException {
    JsonNode result;
    try {
      result = JSON.readTree(payload);
    } catch (IOException e) {
      log.warn("collector {}: result from {} unreadable: {}", tenant, site, e.getMessage());
      return;
    }
    String id = result.path("id").asText("-");
    String outcome = result.path("outcome").asText();
    String reason = result.path("reason").isNull() ? null : result.path("reason").asText(null);
    log.info(
        "collector {}: {} command {}: {}{}",
        tenant,
        site,
        id,
        outcome,
        reason == null ? "" : " (" + reason + ")");
    store.recordResult(
        site,
        id,
        result.path("kind").asText(null),
        outcome,
        reason,
        result.path("detail").isNull() ? null : result.path("detail").asText(null),
        clock.millis());
  }

  /** Signs a command with the tenant's key and sends it to the site; records it as sent. */
  public void send(Command command, PrivateKey key) throws SQLException, IOException {
    if (!command.tenant().equals(tenant)) {
      throw new IllegalArgumentException("this collector is tenant " + tenant + "'s");
    }
    byte[] message = SignedCommand.sign(command, key);
    sendRaw(command.site(), message);
    store.recordCommand(command.site(), command.id(), command.kind(), clock.millis());
  }

  /** Publishes a message as-is on a site's command topic (tests send forged ones this way). */
  public void sendRaw(String site, byte[] message) throws IOException {
    CloudLink link = current;
    if (link == null) {
      throw new IOException("collector " + tenant + " is not connected");
    }
    try {
      link.publish(new Topics(tenant, site).commands(), message, 1, false)
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("sending to " + site + " failed: " + e.getMessage(), e);
    }
  }

  /** Publishes anything on one of the site's down topics (bad-input tests). */
  public void publishDown(String site, String last, byte[] payload) throws IOException {
    CloudLink link = current;
    if (link == null) {
      throw new IOException("collector " + tenant + " is not connected");
    }
    try {
      link.publish(Topics.ROOT + tenant + "/" + site + "/down/" + last, payload, 1, false)
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static ObjectNode body() {
    return JSON.createObjectNode();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    CloudLink link = current;
    if (link != null) {
      link.close();
    }
  }
}
