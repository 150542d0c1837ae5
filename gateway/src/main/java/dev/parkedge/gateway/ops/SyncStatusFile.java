package dev.parkedge.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.StatusView.SyncView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The sync-agent's progress as it reports it: the file it rewrites every 2 s, {@code
 * <state_file>.status.json} (sync-agent README), read when asked. The agent is another process, so
 * this file is the whole interface; a missing or unreadable file is "unknown", never a guess.
 */
public final class SyncStatusFile implements SyncProgress {

  /** A status older than this means the agent is not running (it writes every 2 s). */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final LongSupplier journalHead;
  private final Clock clock;

  /**
   * @param journalHead the gateway's last committed seq: backlog is what the cloud has not acked
   */
  public SyncStatusFile(Path file, LongSupplier journalHead, Clock clock) {
    this.file = file;
    this.journalHead = journalHead;
    this.clock = clock;
  }

  /**
   * What the agent last wrote.
   *
   * @param at when it wrote it
   * @param backlog events held by the agent and not yet acknowledged, per data class label
   */
  public record AgentStatus(
      Instant at,
      boolean connected,
      String protocol,
      String agentVersion,
      Map<String, Long> backlog,
      long oldestUnsentSeconds,
      long lastAckedSeq,
      long copiedSeq,
      long eventsSent,
      long commandsReceived,
      long refusedByAgent,
      long compactions,
      JsonNode raw) {

    /** How old the status is. */
    public Duration age(Instant now) {
      return Duration.between(at, now).isNegative() ? Duration.ZERO : Duration.between(at, now);
    }

    /** Whether the agent seems not to be running (its status stopped being rewritten). */
    public boolean stale(Instant now) {
      return age(now).compareTo(STALE_AFTER) > 0;
    }
  }

  public Path file() {
    return file;
  }

  /**
   * The agent's status; empty when it has written none here.
   *
   * @throws IOException when the file exists but cannot be read or is not the agent's JSON
   */
  public Optional<AgentStatus> agentStatus() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JsonNode json = JSON.readTree(bytes);
    if (json == null || !json.isObject() || !json.path("at").canConvertToLong()) {
      throw new IOException(file + " is not a sync-agent status (no \"at\")");
    }
    Map<String, Long> backlog = new LinkedHashMap<>();
    json.path("backlog")
        .fields()
        .forEachRemaining(e -> backlog.put(e.getKey(), e.getValue().asLong()));
    return Optional.of(
        new AgentStatus(
            Instant.ofEpochMilli(json.path("at").asLong()),
            json.path("connected").asBoolean(false),
            json.path("protocol").asText(""),
            json.path("agent_version").asText(""),
            Collections.unmodifiableMap(backlog),
            json.path("oldest_unsent_age_s").asLong(0),
            json.path("last_acked_seq").asLong(0),
            json.path("copied_seq").asLong(0),
            json.path("events_sent").asLong(0),
            json.path("commands_received").asLong(0),
            json.path("refused_by_agent").asLong(0),
            json.path("compactions").asLong(0),
            json));
  }

  /**
   * For status: entries the cloud has not acknowledged (journal head minus the agent's last ack),
   * and the age of the oldest of them (the agent's figure, aged by how old its status is).
   */
  @Override
  public SyncView read() {
    Optional<AgentStatus> status;
    try {
      status = agentStatus();
    } catch (IOException | RuntimeException e) {
      return SyncProgress.UNKNOWN.read();
    }
    if (status.isEmpty()) {
      return SyncProgress.UNKNOWN.read();
    }
    AgentStatus s = status.get();
    long backlog = Math.max(0, journalHead.getAsLong() - s.lastAckedSeq());
    long oldest = backlog == 0 ? 0 : s.oldestUnsentSeconds() + s.age(clock.instant()).toSeconds();
    return new SyncView(true, backlog, oldest);
  }
}
