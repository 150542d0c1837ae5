package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.GatewayControl;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /logging[?logger=NAME]} answers a logger's level; {@code POST /logging} with {@code
 * {"level": "debug"}} (and optionally {@code "logger": "dev.parkedge.gateway.sensing"}) sets it
 * until the daemon restarts.
 */
final class LoggingResource extends CoapResource {

  static final String EXPECTED =
      "expected {\"level\": \"error|warn|info|debug|trace\"} with an optional \"logger\"";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayControl control;
  private final ControlCalls calls;

  LoggingResource(GatewayControl control, ControlCalls calls) {
    super("logging");
    this.control = control;
    this.calls = calls;
    getAttributes().setTitle("Log levels of the running daemon");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    String logger = null;
    for (String query : exchange.getRequestOptions().getUriQuery()) {
      if (query.startsWith("logger=")) {
        logger = query.substring("logger=".length());
      }
    }
    String name = logger;
    calls.answer(exchange, () -> Reply.content(control.logLevel(name, null)));
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    List<String> request;
    try {
      request = parse(exchange.getRequestPayload());
    } catch (RefusedRequest refused) {
      calls.respond(exchange, refused.reply());
      return;
    }
    calls.answer(
        exchange,
        () -> {
          try {
            return Reply.changed(control.logLevel(request.get(0), request.get(1)));
          } catch (IllegalArgumentException e) {
            return Reply.error(ResponseCode.BAD_REQUEST, e.getMessage());
          }
        });
  }

  /** [logger or null, level]. */
  static List<String> parse(byte[] body) throws RefusedRequest {
    JsonNode json;
    try {
      json = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RefusedRequest(ResponseCode.BAD_REQUEST, "body is not valid JSON: " + EXPECTED);
    } catch (IOException e) {
      throw new RefusedRequest(ResponseCode.BAD_REQUEST, "body is not valid JSON: " + EXPECTED);
    }
    if (json == null || !json.isObject() || !json.hasNonNull("level")) {
      throw new RefusedRequest(ResponseCode.BAD_REQUEST, EXPECTED);
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("level") && !key.equals("logger")) {
        throw new RefusedRequest(
            ResponseCode.BAD_REQUEST, "unknown key \"" + key + "\": " + EXPECTED);
      }
    }
    String logger = json.hasNonNull("logger") ? json.get("logger").asText() : null;
    return java.util.Arrays.asList(logger, json.get("level").asText());
  }
}
