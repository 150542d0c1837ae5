package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayControl;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/** {@code GET /spaces/{id}}: one space, or 4.04. */
final class SpaceResource extends CoapResource {

  private static final String MAINTENANCE = "maintenance";

  private final String id;
  private final GatewayControl control;
  private final ControlCalls calls;

  SpaceResource(String id, GatewayControl control, ControlCalls calls) {
    super(id);
    this.id = id;
    this.control = control;
    this.calls = calls;
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    calls.answer(
        exchange,
        () ->
            control.spaces().stream()
                .filter(space -> space.id().equals(id))
                .findFirst()
                .map(Reply::content)
                .orElseGet(() -> Reply.noSpace(id)));
  }

  @Override
  public Resource getChild(String name) {
    if (!name.equals(MAINTENANCE)) {
      return null;
    }
    MaintenanceResource maintenance = new MaintenanceResource(id, control, calls);
    maintenance.setParent(this);
    return maintenance;
  }
}
