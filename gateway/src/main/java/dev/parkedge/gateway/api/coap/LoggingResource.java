package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonParser;
import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.json.BodyJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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

  /**
   * [logger or null, level]. Read as leniently as an ObjectMapper's {@code readTree} did: nothing
   * after the object is looked at, a key given twice keeps its last value, and a level or logger
   * that is not a string is taken as its text.
   */
  static List<String> parse(byte[] body) throws RefusedRequest {
    Object json;
    try (JsonParser parser = BodyJson.FACTORY.createParser(body == null ? new byte[0] : body)) {
      json = parser.nextToken() == null ? null : BodyJson.read(parser);
    } catch (IOException e) {
      throw new RefusedRequest(ResponseCode.BAD_REQUEST, "body is not valid JSON: " + EXPECTED);
    }
    if (!(json instanceof Map<?, ?> object) || object.get("level") == null) {
      throw new RefusedRequest(ResponseCode.BAD_REQUEST, EXPECTED);
    }
    for (Object key : object.keySet()) {
      if (!key.equals("level") && !key.equals("logger")) {
        throw new RefusedRequest(
            ResponseCode.BAD_REQUEST, "unknown key \"" + key + "\": " + EXPECTED);
      }
    }
    String logger = object.get("logger") == null ? null : BodyJson.text(object.get("logger"));
    return java.util.Arrays.asList(logger, BodyJson.text(object.get("level")));
  }
}
