package dev.parkedge.gateway.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.parking.Refusal;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.CommandKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code reservation.create}, {@code reservation.cancel} and {@code gate.open}: the cloud's parking
 * commands, applied through the same {@link ParkingApi} the CoAP API calls (so through {@code
 * parking.Parking}, the one path for every source). Bodies: sync-agent/PROTOCOL.md.
 *
 * <p>Idempotent as {@link CommandHandler} asks: the command id is the reservation's idempotency key
 * (a command applied but not yet resolved when the gateway stopped answers the same reservation
 * again at start), and a cancel of a reservation already cancelled answers it again. A gate opening
 * cannot be made idempotent, so {@code gate.open} is refused once older than {@code maxGateAge}
 * after its issue time: a command that waited in a queue, or is applied again after a restart,
 * never moves a barrier.
 */
public final class ParkingCommands {

  /** The reason every parking command gets on a gateway without a {@code parking} section. */
  public static final String NO_PARKING = "this gateway has no parking section";

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final List<String> CREATE_FIELDS =
      List.of("space", "zone", "kinds", "start", "end", "plate", "method", "wallet");

  private final ParkingApi api;
  private final Clock clock;
  private final String tenant;
  private final Duration maxGateAge;

  public ParkingCommands(ParkingApi api, Clock clock, String tenant, Duration maxGateAge) {
    this.api = api;
    this.clock = clock;
    this.tenant = tenant;
    this.maxGateAge = maxGateAge;
  }

  /** The three handlers; without a parking API each refuses with {@link #NO_PARKING}. */
  public static Map<CommandKind, CommandHandler> handlers(
      Optional<ParkingApi> api, Clock clock, String tenant, Duration maxGateAge) {
    Map<CommandKind, CommandHandler> handlers = new EnumMap<>(CommandKind.class);
    if (api.isEmpty()) {
      CommandHandler none = command -> CommandOutcome.refused(NO_PARKING);
      handlers.put(CommandKind.RESERVATION_CREATE, none);
      handlers.put(CommandKind.RESERVATION_CANCEL, none);
      handlers.put(CommandKind.GATE_OPEN, none);
      return handlers;
    }
    ParkingCommands commands = new ParkingCommands(api.get(), clock, tenant, maxGateAge);
    handlers.put(CommandKind.RESERVATION_CREATE, commands::create);
    handlers.put(CommandKind.RESERVATION_CANCEL, commands::cancel);
    handlers.put(CommandKind.GATE_OPEN, commands::openGate);
    return handlers;
  }

  // ---- reservation.create -------------------------------------------------------------------

  CommandOutcome create(Command command) {
    ReservationRequest request;
    try {
      request = reservationRequest(command);
    } catch (IllegalArgumentException e) {
      return CommandOutcome.refused("malformed: " + e.getMessage());
    }
    return await(api.createReservation(request))
        .map(
            view -> {
              JsonNode r = JSON.valueToTree(view);
              return CommandOutcome.applied(
                  "reservation "
                      + r.path("id").asText()
                      + " of space "
                      + r.path("space").asText()
                      + " from "
                      + r.path("start").asText()
                      + " to "
                      + r.path("end").asText()
                      + ", "
                      + r.path("price").asLong()
                      + " "
                      + r.path("currency").asText()
                      + (r.path("replayed").asBoolean()
                          ? " (already booked by this command)"
                          : ""));
            });
  }

  /** The booking a command asks for, keyed by the command id and fingerprinted by its body. */
  ReservationRequest reservationRequest(Command command) {
    JsonNode body = command.body();
    only(body, CREATE_FIELDS);
    String space = optionalText(body, "space");
    String zone = optionalText(body, "zone");
    if (space == null && zone == null) {
      throw new IllegalArgumentException(
          "give \"space\" or \"zone\" (any space of the zone with the \"kinds\" asked for)");
    }
    Instant start = instant(body, "start");
    Instant end = instant(body, "end");
    PaymentMethod method =
        Optional.ofNullable(optionalText(body, "method"))
            .map(
                m ->
                    PaymentMethod.parse(m)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "\"method\" must be one of "
                                        + PaymentMethod.names()
                                        + ", got \""
                                        + m
                                        + "\"")))
            .orElse(PaymentMethod.CLOUD);
    String wallet = optionalText(body, "wallet");
    if (method == PaymentMethod.WALLET && wallet == null) {
      throw new IllegalArgumentException("\"method\": \"wallet\" needs \"wallet\" (its id)");
    }
    String plate = optionalText(body, "plate");
    return new ReservationRequest(
        command.id(),
        fingerprint(command),
        "cloud",
        space,
        zone,
        kinds(body),
        start,
        end,
        plate == null ? null : plate.strip().toUpperCase(Locale.ROOT),
        method,
        wallet);
  }

  // ---- reservation.cancel -------------------------------------------------------------------

  CommandOutcome cancel(Command command) {
    JsonNode body = command.body();
    String id;
    try {
      only(body, List.of("reservation"));
      id = optionalText(body, "reservation");
      if (id == null) {
        throw new IllegalArgumentException("body needs \"reservation\" (its id, R-…)");
      }
    } catch (IllegalArgumentException e) {
      return CommandOutcome.refused("malformed: " + e.getMessage());
    }
    return await(api.cancelReservation(id, command.id()))
        .map(
            view -> {
              JsonNode r = JSON.valueToTree(view);
              return CommandOutcome.applied(
                  "reservation "
                      + id
                      + " cancelled, "
                      + r.path("refunded").asLong()
                      + " "
                      + r.path("currency").asText()
                      + " refunded"
                      + (r.path("replayed").asBoolean() ? " (already cancelled)" : ""));
            });
  }

  // ---- gate.open ----------------------------------------------------------------------------

  CommandOutcome openGate(Command command) {
    Instant now = clock.instant();
    Duration age = Duration.between(command.issued(), now);
    if (age.compareTo(maxGateAge) > 0) {
      return CommandOutcome.refused(
          "stale: issued at "
              + command.issued()
              + ", "
              + age.toSeconds()
              + " s ago; a gate opens only within "
              + maxGateAge.toSeconds()
              + " s of its command's issue");
    }
    JsonNode body = command.body();
    int lane;
    String reason;
    String operator;
    String session;
    try {
      only(body, List.of("lane", "reason", "operator", "session"));
      JsonNode laneNode = body.get("lane");
      if (laneNode == null || !laneNode.canConvertToInt() || !laneNode.isIntegralNumber()) {
        throw new IllegalArgumentException("body needs \"lane\" (a lane number)");
      }
      lane = laneNode.intValue();
      reason = optionalText(body, "reason");
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("body needs \"reason\" (journaled with the opening)");
      }
      operator = optionalText(body, "operator");
      session = optionalText(body, "session");
    } catch (IllegalArgumentException e) {
      return CommandOutcome.refused("malformed: " + e.getMessage());
    }
    String who = "cloud " + tenant + "/" + (operator == null ? "head-office" : operator);
    return await(api.openGate(lane, who, reason + " (command " + command.id() + ")", session))
        .map(
            view -> {
              JsonNode d = JSON.valueToTree(view);
              return CommandOutcome.applied(
                  "lane "
                      + lane
                      + " opened by "
                      + who
                      + (d.path("session").isTextual()
                          ? ", session " + d.path("session").asText() + " closed"
                          : ""));
            });
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A view, or the refusal it completed with as a refused outcome. */
  private record Answer(Object view, String refusal) {
    CommandOutcome map(java.util.function.Function<Object, CommandOutcome> applied) {
      return refusal != null ? CommandOutcome.refused(refusal) : applied.apply(view);
    }
  }

  private static Answer await(CompletableFuture<Object> call) {
    try {
      return new Answer(call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      while ((cause instanceof CompletionException || cause instanceof ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof Refusal refusal) {
        return new Answer(null, refusal.getMessage());
      }
      return new Answer(null, "failed: " + cause);
    } catch (TimeoutException e) {
      return new Answer(
          null, "failed: no answer from the parking service within " + CALL_TIMEOUT.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(null, "failed: interrupted (the gateway is stopping)");
    }
  }

  private static void only(JsonNode body, List<String> fields) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" (expected " + String.join(", ", fields) + ")");
      }
    }
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be text");
    }
    return node.asText();
  }

  private static Instant instant(JsonNode body, String field) {
    String text = optionalText(body, field);
    if (text == null) {
      throw new IllegalArgumentException("body needs \"" + field + "\" (ISO-8601 instant)");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\""
              + field
              + "\" must be an ISO-8601 instant such as 2026-03-01T09:00:00Z, got \""
              + text
              + "\"");
    }
  }

  private static Set<SpaceKind> kinds(JsonNode body) {
    JsonNode node = body.get("kinds");
    if (node == null || node.isNull()) {
      return Set.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("\"kinds\" must be a list, e.g. [\"ev\"]");
    }
    Set<SpaceKind> kinds = EnumSet.noneOf(SpaceKind.class);
    List<String> unknown = new ArrayList<>();
    for (JsonNode kind : node) {
      Optional<SpaceKind> parsed =
          Arrays.stream(SpaceKind.values())
              .filter(k -> kind.isTextual() && k.yamlName().equals(kind.asText()))
              .findFirst();
      if (parsed.isPresent()) {
        kinds.add(parsed.get());
      } else {
        unknown.add(kind.toString());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown space kinds " + unknown);
    }
    return kinds;
  }

  /** SHA-256 of the body with its keys sorted: the same command body, the same fingerprint. */
  static String fingerprint(Command command) {
    try {
      Object canonical = JSON.treeToValue(command.body(), Object.class);
      byte[] bytes = JSON.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint command " + command.id(), e);
    }
  }
}
