package dev.parkedge.gateway.storage.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Space states as a projection of the journal: the one place that knows how a {@code space.state}
 * or {@code space.maintenance} entry sets a space's {@link SpaceRecord} (the bodies are described
 * in gateway/JOURNAL.md). Restore is the snapshot in {@code space_state} plus every such entry
 * after the snapshot's seq, applied in seq order.
 *
 * <p>Both entry types carry the whole record: {@code to} (the shown state), {@code sensed} and
 * {@code maintenance}; {@code since} is the entry's time, unless the shown state did not change.
 */
final class SpaceProjection {
  static final List<String> TYPES = List.of("space.state", "space.maintenance");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpaceProjection() {}

  /** Applies {@code row} to {@code spaces}; false when it is of another type or unreadable. */
  static boolean apply(Map<String, SpaceRecord> spaces, JournalRow row) {
    if (!TYPES.contains(row.type())) {
      return false;
    }
    SpaceRecord after = after(spaces.get(row.subject()), row.subject(), row.at(), row.body());
    if (after == null) {
      return false;
    }
    spaces.put(row.subject(), after);
    return true;
  }

  /**
   * The space's record after an entry, given its record before (null if none); null when the body
   * lacks {@code to}, {@code sensed} or {@code maintenance}, or names a state that does not exist.
   * Entries written before these keys existed lie at or below the seq that schema version 2 set, so
   * restore never meets them.
   */
  static SpaceRecord after(SpaceRecord before, String spaceId, Instant at, String bodyJson) {
    JsonNode body;
    try {
      body = JSON.readTree(bodyJson);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (body == null
        || !body.path("to").isTextual()
        || !body.path("sensed").isTextual()
        || !body.path("maintenance").isBoolean()) {
      return null;
    }
    SpaceState to = state(body.get("to").asText());
    SpaceState sensed = state(body.get("sensed").asText());
    if (to == null || sensed == null) {
      return null;
    }
    Instant since = before != null && before.state() == to ? before.since() : at;
    Long frameCounter =
        body.path("fcnt").canConvertToLong()
            ? Long.valueOf(body.get("fcnt").asLong())
            : before == null ? null : before.sensorFrameCounter();
    return new SpaceRecord(
        spaceId, to, since, sensed, body.get("maintenance").asBoolean(), frameCounter);
  }

  private static SpaceState state(String jsonName) {
    try {
      return SpaceState.valueOf(jsonName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
