package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.ReloadOutcome;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /reload}: re-reads site.yaml. 2.04 with the changes when applied; 2.05 with the
 * problems when the file was refused and nothing changed.
 */
final class ReloadResource extends CoapResource {

  private final GatewayControl control;
  private final ControlCalls calls;

  ReloadResource(GatewayControl control, ControlCalls calls) {
    super("reload");
    this.control = control;
    this.calls = calls;
    getAttributes().setTitle("POST: re-read site.yaml and apply it as a diff");
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    calls.answer(exchange, this::reload);
  }

  private Reply reload() {
    ReloadOutcome outcome = control.reload();
    return outcome.applied() ? Reply.changed(outcome) : Reply.content(outcome);
  }
}
