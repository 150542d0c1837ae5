package dev.parkedge.sync.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What {@code up/status} and {@code parkedge-sync status} report. */
final class AgentCounters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String site;
  private final String agentVersion;
  private final String gatewayVersion;
  private volatile boolean connected;
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong commandsReceived = new AtomicLong();
  private final AtomicLong refusedHere = new AtomicLong();
  private volatile long lastAcked;

  AgentCounters(String site, String agentVersion, String gatewayVersion) {
    this.site = site;
    this.agentVersion = agentVersion;
    this.gatewayVersion = gatewayVersion;
  }

  void connected(boolean value) {
    connected = value;
  }

  boolean connected() {
    return connected;
  }

  void sent(int events, int bytes) {
    eventsSent.addAndGet(events);
    bytesSent.addAndGet(bytes);
  }

  void acked(long watermark) {
    lastAcked = watermark;
  }

  void commandReceived() {
    commandsReceived.incrementAndGet();
  }

  void refusedHere() {
    refusedHere.incrementAndGet();
  }

  long eventsSent() {
    return eventsSent.get();
  }

  long bytesSent() {
    return bytesSent.get();
  }

  ObjectNode statusJson(Outbox outbox, long nowMs) {
    ObjectNode status = JSON.createObjectNode();
    status.put("site", site);
    status.put("at", nowMs);
    status.put("connected", connected);
    status.put("agent_version", agentVersion);
    status.put("gateway_version", gatewayVersion);
    ObjectNode backlog = status.putObject("backlog");
    long oldest = 0;
    try {
      Map<String, Long> counts = outbox.backlog();
      oldest = counts.remove("oldest_at_ms");
      counts.forEach(backlog::put);
      status.put("compactions", outbox.compactions().size());
    } catch (SQLException e) {
      status.put("backlog_error", e.getMessage());
    }
    ObjectNode bytes = status.putObject("backlog_bytes");
    outbox.bytes().forEach((c, b) -> bytes.put(c.label(), b));
    status.put("oldest_unsent_age_s", oldest == 0 ? 0 : Math.max(0, (nowMs - oldest) / 1000));
    status.put("last_acked_seq", outbox.acked());
    status.put("copied_seq", outbox.copied());
    status.put("events_sent", eventsSent.get());
    status.put("bytes_sent", bytesSent.get());
    status.put("commands_received", commandsReceived.get());
    status.put("refused_by_agent", refusedHere.get());
    return status;
  }
}
