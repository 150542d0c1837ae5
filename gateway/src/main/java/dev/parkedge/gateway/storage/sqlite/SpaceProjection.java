package dev.parkedge.gateway.storage.sqlite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.parkedge.gateway.json.BodyJson;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.io.IOException;
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
    Fields body = fields(bodyJson);
    if (body == null || body.to == null || body.sensed == null || body.maintenance == null) {
      return null;
    }
    SpaceState to = state(body.to);
    SpaceState sensed = state(body.sensed);
    if (to == null || sensed == null) {
      return null;
    }
    Instant since = before != null && before.state() == to ? before.since() : at;
    Long frameCounter =
        body.fcnt != null ? body.fcnt : before == null ? null : before.sensorFrameCounter();
    return new SpaceRecord(spaceId, to, since, sensed, body.maintenance, frameCounter);
  }

  /** The keys a space entry's body must have; null where absent or of another JSON type. */
  private static final class Fields {
    String to;
    String sensed;
    Boolean maintenance;
    Long fcnt;
  }

  /**
   * Reads the body's top-level keys with jackson-core's streaming parser (see {@link BodyJson});
   * the last of a repeated key wins. Null when the body is not a JSON object.
   */
  private static Fields fields(String bodyJson) {
    try (JsonParser json = BodyJson.FACTORY.createParser(bodyJson)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Fields fields = new Fields();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        JsonToken value = json.nextToken();
        switch (key) {
          case "to" -> fields.to = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "sensed" -> fields.sensed = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "maintenance" ->
              fields.maintenance =
                  value != null && value.isBoolean() ? json.getBooleanValue() : null;
          case "fcnt" ->
              fields.fcnt = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : null;
          default -> json.skipChildren();
        }
      }
      return fields;
    } catch (IOException e) {
      return null;
    }
  }

  private static SpaceState state(String jsonName) {
    try {
      return SpaceState.valueOf(jsonName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
