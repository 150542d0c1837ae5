package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayControl;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code GET /spaces}: every space. Its children are the spaces themselves, made on demand for
 * whatever id the path names: {@code /spaces/{id}} and {@code /spaces/{id}/maintenance}.
 */
final class SpacesResource extends CoapResource {

  private final GatewayControl control;
  private final ControlCalls calls;

  SpacesResource(GatewayControl control, ControlCalls calls) {
    super("spaces");
    this.control = control;
    this.calls = calls;
    getAttributes().setTitle("Spaces: id, level, zone, state, since, sensor");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    calls.answer(exchange, () -> Reply.content(control.spaces()));
  }

  @Override
  public Resource getChild(String id) {
    SpaceResource space = new SpaceResource(id, control, calls);
    space.setParent(this);
    return space;
  }
}
