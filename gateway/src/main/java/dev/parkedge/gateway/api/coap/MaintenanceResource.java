package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.json.BodyJson;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /spaces/{id}/maintenance} with {@code {"on": true}} or {@code {"on": false}}: takes
 * the space out of service or returns it, and answers with the updated space.
 */
final class MaintenanceResource extends CoapResource {

  static final String EXPECTED = "expected {\"on\": true} or {\"on\": false}";

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
    Map<String, Object> json = JsonBody.object(contentFormat, body, Set.of("on"), EXPECTED);
    if (!json.containsKey("on")) {
      throw JsonBody.badRequest("body has no \"on\": " + EXPECTED);
    }
    if (!(json.get("on") instanceof Boolean on)) {
      throw JsonBody.badRequest(
          "\"on\" must be true or false, got " + BodyJson.write(json.get("on")));
    }
    return on;
  }
}
