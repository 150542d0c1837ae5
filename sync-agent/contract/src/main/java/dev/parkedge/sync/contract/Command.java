package dev.parkedge.sync.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command from the tenant account, as signed: the payload of a {@link SignedCommand}.
 *
 * @param id unique per tenant, {@code [A-Za-z0-9._:-]{1,100}}
 * @param kind wire name, e.g. {@code space.maintenance} (see {@link CommandKind}); an unknown kind
 *     is a valid command that the gateway refuses
 * @param issued when the tenant account signed it
 * @param expires after this instant the gateway refuses it
 * @param body the kind's arguments, a JSON object
 */
public record Command(
    String id,
    String tenant,
    String site,
    String kind,
    Instant issued,
    Instant expires,
    ObjectNode body) {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public Command {
    Objects.requireNonNull(body, "body");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("command id must match " + ID + ", got \"" + id + "\"");
    }
    requireScope("tenant", tenant);
    requireScope("site", site);
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("command " + id + " has no kind");
    }
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    if (!expires.isAfter(issued)) {
      throw new IllegalArgumentException(
          "command " + id + " expires (" + expires + ") before it was issued (" + issued + ")");
    }
  }

  /** Tenant and site ids are lowercase names usable as one MQTT topic level. */
  public static void requireScope(String what, String value) {
    if (value == null || !SCOPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must match " + SCOPE + " (one topic level), got \"" + value + "\"");
    }
  }

  /** A text field of the body, or null. */
  public String text(String field) {
    JsonNode node = body.get(field);
    return node == null || !node.isTextual() ? null : node.asText();
  }
}
