package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parkedge.gateway.api.GatewayControl;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /spaces/{id}/maintenance} with {@code {"on": true}} or {@code {"on": false}}: takes
 * the space out of service or returns it, and answers with the updated space.
 */
final class MaintenanceResource extends CoapResource {

  static final String EXPECTED = "expected {\"on\": true} or {\"on\": false}";

  /**
   * Built on the first request that needs it: jackson-databind is loaded only then, not in every
   * daemon (see {@link ReplyJson}).
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  private final String id;
  private final GatewayControl control;
  private final ControlCalls calls;

  MaintenanceResource(String id, GatewayControl control, ControlCalls calls) {
    super("maintenance");
    this.id = id;
    this.control = control;
    this.calls = calls;
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    boolean on;
    try {
      on = parse(exchange.getRequestOptions().getContentFormat(), exchange.getRequestPayload());
    } catch (RefusedRequest refused) {
      calls.respond(exchange, refused.reply());
      return;
    }
    calls.answer(exchange, () -> setMaintenance(on));
  }

  private Reply setMaintenance(boolean on) {
    try {
      return Reply.changed(control.setMaintenance(id, on));
    } catch (IllegalArgumentException e) {
      return Reply.noSpace(id);
    }
  }

  /** The value of {@code "on"}, from a body that holds nothing else. */
  static boolean parse(int contentFormat, byte[] body) throws RefusedRequest {
    if (contentFormat != MediaTypeRegistry.UNDEFINED
        && contentFormat != MediaTypeRegistry.APPLICATION_JSON) {
      throw new RefusedRequest(
          ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
          "body must be application/json (content-format 50), got "
              + MediaTypeRegistry.toString(contentFormat));
    }
    if (body == null || body.length == 0) {
      throw badRequest("empty body: " + EXPECTED);
    }
    JsonNode json = readJson(body);
    if (!json.isObject()) {
      throw badRequest(
          "body is a JSON " + json.getNodeType().name().toLowerCase(Locale.ROOT) + ": " + EXPECTED);
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("on")) {
        throw badRequest("unknown key \"" + key + "\": " + EXPECTED);
      }
    }
    JsonNode on = json.get("on");
    if (on == null) {
      throw badRequest("body has no \"on\": " + EXPECTED);
    }
    if (!on.isBoolean()) {
      throw badRequest("\"on\" must be true or false, got " + on);
    }
    return on.booleanValue();
  }

  private static JsonNode readJson(byte[] body) throws RefusedRequest {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      if (json == null || json.isMissingNode()) {
        throw badRequest("empty body: " + EXPECTED);
      }
      return json;
    } catch (JsonProcessingException e) {
      throw badRequest(
          "body is not valid JSON (" + firstClause(e.getOriginalMessage()) + "): " + EXPECTED);
    } catch (IOException e) {
      throw badRequest("body is not valid JSON: " + EXPECTED);
    }
  }

  /**
   * The part of Jackson's message a person needs: "Unrecognized token 'yes'" of "Unrecognized token
   * 'yes': was expecting (...)".
   */
  private static String firstClause(String message) {
    String line = message.lines().findFirst().orElse("");
    if (line.startsWith("Trailing token")) {
      return "more after the JSON object";
    }
    int detail = line.indexOf(": was expecting");
    return detail < 0 ? line : line.substring(0, detail);
  }

  private static RefusedRequest badRequest(String reason) {
    return new RefusedRequest(ResponseCode.BAD_REQUEST, reason);
  }
}
