package dev.parkedge.sync.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.SignedCommand;
import dev.parkedge.sync.mqtt.CloudLink;
import dev.parkedge.sync.mqtt.CloudLinks;
import dev.parkedge.sync.mqtt.LinkFailure;
import dev.parkedge.sync.mqtt.LinkSettings;
import dev.parkedge.sync.wire.Ack;
import dev.parkedge.sync.wire.Compaction;
import dev.parkedge.sync.wire.EventBatch;
import dev.parkedge.sync.wire.Topics;
import dev.parkedge.sync.wire.WireEvent;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to the cloud, on one thread ({@code sync-uplink}): connects with backoff and jitter,
 * sends live entries first and then the backlog by class priority (command results, money and
 * access, operations, occupancy), at most {@code batchesAhead} batches ahead of the cloud's acks
 * and {@code maxInflight} ahead of the broker's, and goes back to the watermark whenever the cloud
 * shows it lacks something it should have (a batch lost with a broker) or stops acknowledging.
 * Nothing is deleted before the cloud's watermark passes it; the cloud deduplicates by event id.
 */
final class Uplink implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Uplink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DataClass[] PRIORITY = DataClass.values();

  private final AgentSettings settings;
  private final Supplier<LinkSettings> linkSettings;
  private final Outbox outbox;
  private final GatewayInbox inbox;
  private final Topics topics;
  private final Clock clock;
  private final Backoff backoff;
  private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final Object signal = new Object();
  private final AgentCounters counters;
  private final Semaphore inflight;

  private volatile boolean running = true;
  private volatile CloudLink link;
  private volatile boolean lost;

  // Sending state: the uplink thread's own.
  private long batchNo;
  private long liveFrom;
  private long liveCursor;
  private final long[] cursor = new long[PRIORITY.length];
  private final boolean[] exhausted = new boolean[PRIORITY.length];
  private final TreeMap<Long, Long> floors = new TreeMap<>();
  private boolean skipsSent;
  private long lastAckNanos;
  private long ackTimeoutMs;
  private long lastStatusNanos;

  // Set by the MQTT thread, applied by the uplink thread.
  private final AtomicLong ackedWatermark = new AtomicLong(-1);
  private volatile String ackedBatch = "";

  Uplink(
      AgentSettings settings,
      Supplier<LinkSettings> linkSettings,
      Outbox outbox,
      GatewayInbox inbox,
      Clock clock,
      AgentCounters counters) {
    this.settings = settings;
    this.linkSettings = linkSettings;
    this.outbox = outbox;
    this.inbox = inbox;
    this.topics = settings.topics();
    this.clock = clock;
    this.counters = counters;
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.site());
    this.inflight = new Semaphore(settings.maxInflight());
    this.ackTimeoutMs = settings.ackTimeout().toMillis();
  }

  /** Wakes the loop: new entries were copied. */
  void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  boolean connected() {
    CloudLink current = link;
    return current != null && current.connected() && !lost;
  }

  String protocol() {
    CloudLink current = link;
    return current == null ? "" : current.protocol();
  }

  @Override
  public void run() {
    while (running) {
      try {
        if (!connected()) {
          reconnect();
          continue;
        }
        applyAck();
        if (floors.size() >= settings.batchesAhead()) {
          awaitAck();
          continue;
        }
        maybeStatus();
        if (!sendNext()) {
          idle();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException | RuntimeException e) {
        log.warn(
            "sync {}: uplink error, going back to the watermark: {}",
            settings.site(),
            e.toString());
        goBack("after an error");
        sleep(500);
      }
    }
    disconnect(true);
  }

  // --- connecting --------------------------------------------------------------------------

  private void reconnect() throws InterruptedException {
    disconnect(false);
    try {
      LinkSettings link = linkSettings.get();
      CloudLink opened = CloudLinks.connect(link, new Incoming());
      lost = false;
      this.link = opened;
      backoff.reset();
      log.info(
          "sync {}: connected to {} (MQTT {}), watermark {}, {} entries copied",
          settings.site(),
          settings.broker(),
          opened.protocol(),
          outbox.acked(),
          outbox.copied());
      goBack("on connect");
      lastAckNanos = System.nanoTime();
      lastStatusNanos = 0;
      counters.connected(true);
    } catch (LinkFailure e) {
      long delay = backoff.nextMs();
      log.warn(
          "sync {}: connecting to {} failed: {}; retrying in {} ms",
          settings.site(),
          settings.broker(),
          e.getMessage(),
          delay);
      counters.connected(false);
      Thread.sleep(delay);
    }
  }

  private void disconnect(boolean clean) {
    CloudLink current = link;
    link = null;
    if (current == null) {
      return;
    }
    if (clean && current.connected()) {
      try {
        current
            .publish(topics.status(), status("offline", "agent stopped"), 1, true)
            .get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("sync {}: offline status not sent: {}", settings.site(), e.toString());
      }
    }
    current.close();
    counters.connected(false);
    inflight.drainPermits();
    inflight.release(settings.maxInflight());
  }

  // --- sending -----------------------------------------------------------------------------

  /** Everything not acknowledged is sent again, live entries first. */
  private void goBack(String why) {
    long watermark = outbox.acked();
    liveFrom = outbox.copied();
    liveCursor = liveFrom;
    Arrays.fill(cursor, watermark);
    Arrays.fill(exhausted, false);
    floors.clear();
    skipsSent = false;
    if (liveFrom > watermark) {
      log.info(
          "sync {}: sending seqs {}..{} again {} (watermark {})",
          settings.site(),
          watermark + 1,
          liveFrom,
          why,
          watermark);
    }
  }

  /** Builds and publishes one batch; false when there is nothing to send. */
  private boolean sendNext() throws SQLException, InterruptedException {
    List<long[]> skipped = List.of();
    List<Compaction> compactions = List.of();
    if (!skipsSent) {
      skipped = outbox.skipped();
      compactions = outbox.compactions();
      skipsSent = true;
    }
    List<Outbox.Row> rows = outbox.readAll(liveCursor, settings.batchEvents());
    if (!rows.isEmpty()) {
      liveCursor = rows.get(rows.size() - 1).seq();
    } else {
      for (DataClass c : PRIORITY) {
        int i = c.ordinal();
        if (exhausted[i]) {
          continue;
        }
        rows = outbox.read(c, cursor[i], liveFrom, settings.batchEvents());
        if (rows.size() < settings.batchEvents()) {
          exhausted[i] = true;
          cursor[i] = liveFrom;
        } else {
          cursor[i] = rows.get(rows.size() - 1).seq();
        }
        if (!rows.isEmpty()) {
          break;
        }
      }
    }
    if (rows.isEmpty() && skipped.isEmpty() && compactions.isEmpty()) {
      return false;
    }
    publish(rows, skipped, compactions);
    return true;
  }

  private long floor() {
    boolean all = true;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < cursor.length; i++) {
      if (!exhausted[i]) {
        all = false;
        min = Math.min(min, cursor[i]);
      }
    }
    return all ? liveCursor : min;
  }

  private void publish(List<Outbox.Row> rows, List<long[]> skipped, List<Compaction> compactions)
      throws InterruptedException {
    long number = ++batchNo;
    List<WireEvent> events = new ArrayList<>(rows.size());
    rows.forEach(row -> events.add(row.event()));
    byte[] payload =
        new EventBatch(settings.site(), run + "/" + number, events, skipped, compactions).encode();
    floors.put(number, floor());
    send(topics.events(), payload, false);
    counters.sent(rows.size(), payload.length);
    for (Outbox.Row row : rows) {
      if (row.dataClass() == DataClass.COMMAND_RESULT) {
        sendResult(row.event());
      }
    }
  }

  private void sendResult(WireEvent event) throws InterruptedException {
    try {
      ObjectNode result = (ObjectNode) JSON.readTree(event.body());
      result.put("site", settings.site());
      result.put("event", settings.site() + ":" + event.seq());
      send(topics.results(), JSON.writeValueAsBytes(result), false);
    } catch (IOException e) {
      log.warn(
          "sync {}: command result {} unreadable: {}", settings.site(), event.seq(), e.toString());
    }
  }

  /**
   * Publishes at QoS 1 once the broker has room ({@code maxInflight}); a broker that acknowledges
   * nothing for the ack timeout is treated as stalled and the link is dropped.
   */
  private void send(String topic, byte[] payload, boolean retained) throws InterruptedException {
    if (!inflight.tryAcquire(ackTimeoutMs, TimeUnit.MILLISECONDS)) {
      log.warn(
          "sync {}: the broker accepted the connection but acknowledged nothing for {} ms;"
              + " reconnecting",
          settings.site(),
          ackTimeoutMs);
      lost = true;
      return;
    }
    CloudLink current = link;
    if (current == null) {
      inflight.release();
      return;
    }
    current
        .publish(topic, payload, 1, retained)
        .whenComplete(
            (ok, failure) -> {
              inflight.release();
              if (failure != null && running) {
                log.debug(
                    "sync {}: publish to {} failed: {}",
                    settings.site(),
                    topic,
                    failure.toString());
                lost = true;
                wake();
              }
            });
  }

  // --- acknowledgements ---------------------------------------------------------------------

  /** Applies the newest ack from the cloud (deletes what it stored) and checks for loss. */
  private void applyAck() throws SQLException {
    long watermark = ackedWatermark.getAndSet(-1);
    if (watermark < 0) {
      return;
    }
    lastAckNanos = System.nanoTime();
    ackTimeoutMs = settings.ackTimeout().toMillis();
    outbox.acknowledge(watermark);
    counters.acked(outbox.acked());
    String batch = ackedBatch;
    int slash = batch.indexOf('/');
    if (slash < 0 || !batch.substring(0, slash).equals(run)) {
      return;
    }
    long number;
    try {
      number = Long.parseLong(batch.substring(slash + 1));
    } catch (NumberFormatException e) {
      return;
    }
    Long floor = floors.get(number);
    floors.headMap(number, true).clear();
    if (floor != null && outbox.acked() < floor) {
      log.warn(
          "sync {}: the cloud stored batch {} but lacks seq {} sent before it (lost with the"
              + " broker?)",
          settings.site(),
          number,
          outbox.acked() + 1);
      goBack("after a loss");
    }
  }

  private void awaitAck() throws InterruptedException, SQLException {
    synchronized (signal) {
      if (ackedWatermark.get() < 0 && connected()) {
        signal.wait(50);
      }
    }
    if (ackedWatermark.get() < 0
        && System.nanoTime() - lastAckNanos > TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs)) {
      log.warn(
          "sync {}: no ack from the cloud for {} ms with {} batches outstanding",
          settings.site(),
          ackTimeoutMs,
          floors.size());
      ackTimeoutMs = Math.min(ackTimeoutMs * 2, 600_000);
      lastAckNanos = System.nanoTime();
      goBack("after the ack timeout");
    }
    applyAck();
  }

  private void idle() throws InterruptedException, SQLException {
    synchronized (signal) {
      if (ackedWatermark.get() < 0 && outbox.copied() <= liveCursor && connected()) {
        signal.wait(200);
      }
    }
    if (!floors.isEmpty()
        && ackedWatermark.get() < 0
        && System.nanoTime() - lastAckNanos > TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs)) {
      awaitAck();
    }
  }

  // --- status ------------------------------------------------------------------------------

  private void maybeStatus() throws InterruptedException {
    long now = System.nanoTime();
    if (lastStatusNanos != 0 && now - lastStatusNanos < settings.statusEvery().toNanos()) {
      return;
    }
    lastStatusNanos = now;
    send(topics.status(), status("online", null), true);
  }

  byte[] status(String state, String reason) {
    ObjectNode status = counters.statusJson(outbox, clock.millis());
    status.put("state", state);
    if (reason != null) {
      status.put("reason", reason);
    }
    status.put("protocol", protocol());
    try {
      return JSON.writeValueAsBytes(status);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- incoming ----------------------------------------------------------------------------

  private final class Incoming implements CloudLink.Listener {
    @Override
    public void message(String topic, byte[] payload) throws Exception {
      if (topic.equals(topics.ack())) {
        onAck(payload);
      } else if (topic.equals(topics.commands())) {
        onCommand(payload);
      } else {
        log.warn("sync {}: message on unexpected topic {} ignored", settings.site(), topic);
      }
    }

    @Override
    public void lost(Throwable cause) {
      if (running && !lost) {
        log.warn("sync {}: connection lost: {}", settings.site(), cause.toString());
      }
      lost = true;
      wake();
    }
  }

  private void onAck(byte[] payload) {
    Ack ack;
    try {
      ack = Ack.decode(payload);
    } catch (IOException e) {
      refuse("ack", "-", "malformed ack: " + e.getMessage());
      return;
    }
    long copied = outbox.copied();
    if (ack.watermark() > copied) {
      refuse(
          "ack",
          "-",
          "ack for seq " + ack.watermark() + " never sent: the highest seq here is " + copied);
      return;
    }
    ackedBatch = ack.batch();
    ackedWatermark.accumulateAndGet(ack.watermark(), Math::max);
    wake();
  }

  /**
   * Stores a command message in the gateway's inbox (the gateway verifies and applies it). Returns
   * only once stored, so the broker's delivery is acknowledged after; a database that cannot take
   * it throws, the connection drops, and the broker delivers the message again.
   */
  private void onCommand(byte[] payload) throws SQLException {
    counters.commandReceived();
    if (payload.length > SignedCommand.MAX_MESSAGE_BYTES) {
      refuse(
          "command",
          "-",
          "command message of "
              + payload.length
              + " bytes refused: larger than "
              + SignedCommand.MAX_MESSAGE_BYTES);
      return;
    }
    String id = SignedCommand.claimedId(payload);
    InboxTable.Offer offer = inbox.offer(payload, id, clock.millis());
    if (offer.inserted()) {
      log.info(
          "sync {}: command {} handed to the gateway ({} bytes)",
          settings.site(),
          id,
          payload.length);
    } else {
      log.warn(
          "sync {}: command {} replayed: the same message was already received ({}); not handed"
              + " again",
          settings.site(),
          id,
          offer.state());
      result(id, "command", "duplicate", "replayed: the same message was already " + offer.state());
    }
  }

  private void refuse(String kind, String id, String reason) {
    log.warn("sync {}: {} refused: {}", settings.site(), kind, reason);
    counters.refusedHere();
    result(id, kind, "refused", reason);
  }

  /** A result the agent itself decides (the gateway never saw the message). */
  private void result(String id, String kind, String outcome, String reason) {
    ObjectNode result = JSON.createObjectNode();
    result.put("site", settings.site());
    result.put("id", id);
    result.put("kind", kind);
    result.put("outcome", outcome);
    result.put("reason", reason);
    result.put("by", "agent");
    CloudLink current = link;
    if (current != null) {
      try {
        current.publish(topics.results(), JSON.writeValueAsBytes(result), 1, false);
      } catch (IOException e) {
        log.warn("sync {}: result not sent: {}", settings.site(), e.toString());
      }
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  void stop() {
    running = false;
    wake();
  }

  Map<String, Object> debug() {
    return Map.of("batch", batchNo, "floors", floors.size());
  }
}
