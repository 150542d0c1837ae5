package dev.parkedge.gateway.api.coap;

import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** {@code GET /<name>}: what the gateway says, as JSON ({@code /status}, {@code /devices}). */
final class ViewResource extends CoapResource {

  private final ControlCalls calls;
  private final Supplier<?> view;

  ViewResource(String name, String title, ControlCalls calls, Supplier<?> view) {
    super(name);
    this.calls = calls;
    this.view = view;
    getAttributes().setTitle(title);
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    calls.answer(exchange, () -> Reply.content(view.get()));
  }
}
