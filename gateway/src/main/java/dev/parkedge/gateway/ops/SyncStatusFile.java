package dev.parkedge.gateway.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.parkedge.gateway.api.StatusView.SyncView;
import dev.parkedge.gateway.json.BodyJson;
import java.io.IOException;
import java.math.BigInteger;
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
   * @param raw the whole status as the agent wrote it ({@link BodyJson#read})
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
      Map<String, Object> raw) {

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
    Object read;
    try (JsonParser parser = BodyJson.FACTORY.createParser(bytes)) {
      read = parser.nextToken() == null ? null : BodyJson.read(parser);
    }
    if (!(read instanceof Map<?, ?>) || !canConvertToLong(((Map<?, ?>) read).get("at"))) {
      throw new IOException(file + " is not a sync-agent status (no \"at\")");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) read;
    Map<String, Long> backlog = new LinkedHashMap<>();
    if (json.get("backlog") instanceof Map<?, ?> classes) {
      classes.forEach((label, n) -> backlog.put((String) label, asLong(n)));
    }
    return Optional.of(
        new AgentStatus(
            Instant.ofEpochMilli(asLong(json.get("at"))),
            asBoolean(json.get("connected")),
            text(json.get("protocol")),
            text(json.get("agent_version")),
            Collections.unmodifiableMap(backlog),
            asLong(json.get("oldest_unsent_age_s")),
            asLong(json.get("last_acked_seq")),
            asLong(json.get("copied_seq")),
            asLong(json.get("events_sent")),
            asLong(json.get("commands_received")),
            asLong(json.get("refused_by_agent")),
            asLong(json.get("compactions")),
            json));
  }

  // The agent writes these keys as numbers, booleans and strings. Values of another type are
  // read as an ObjectMapper tree's asLong(0), asBoolean(false) and asText("") read them, as they
  // were before (SyncStatusFileTest compares the two).

  static boolean canConvertToLong(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return true;
    } else if (value instanceof Double d) {
      return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE;
    } else if (value instanceof BigInteger n) {
      return n.bitLength() < 64;
    }
    return false;
  }

  static long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    } else if (value instanceof String text) {
      return NumberInput.parseAsLong(text, 0);
    } else if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    return 0;
  }

  static boolean asBoolean(Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    } else if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue() != 0;
    } else if (value instanceof BigInteger n) {
      return n.signum() != 0;
    } else if (value instanceof String text) {
      return "true".equals(text.trim());
    }
    return false;
  }

  static String text(Object value) {
    return value == null ? "" : BodyJson.text(value);
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
