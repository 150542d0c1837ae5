package dev.parkedge.gateway.transport.coap;

import dev.parkedge.proto.psp.Eui64;
import java.security.Principal;
import java.util.OptionalLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /display/{eui}}, observable: the display's desired state as the PSP/1 Indicator or
 * Counter packet (application/octet-stream); an empty body while the gateway has no state for it
 * yet. Only the display bound to the DTLS identity may read it (else 4.03). Notifications are
 * confirmable, so a display that went away is noticed and its observation dropped; when it comes
 * back it observes again and gets the current state at once.
 */
final class DisplayResource extends CoapResource {

  private final long eui;
  private final String bus;
  private final DeviceKeys keys;
  private final DisplayBoard board;
  private final LinkCounters counters;
  private final PeerWarnings warnings;

  DisplayResource(
      long eui,
      String bus,
      DeviceKeys keys,
      DisplayBoard board,
      LinkCounters counters,
      PeerWarnings warnings) {
    super(Eui64.format(eui));
    this.eui = eui;
    this.bus = bus;
    this.keys = keys;
    this.board = board;
    this.counters = counters;
    this.warnings = warnings;
    setObservable(true);
    setObserveType(Type.CON);
    getAttributes().setObservable();
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
    OptionalLong own = keys.euiOf(peer);
    if (own.isEmpty() || own.getAsLong() != eui) {
      String identity = DeviceKeys.identityOf(peer);
      counters.forbidden.increment();
      warnings.warn(
          identity,
          "forbidden",
          "coap {}: {}: refused: asked for display {}, but this identity is bound to {}",
          bus,
          identity,
          Eui64.format(eui),
          own.isEmpty() ? "no device" : Eui64.format(own.getAsLong()));
      exchange.respond(ResponseCode.FORBIDDEN, "a display may only observe its own state");
      return;
    }
    Response response = new Response(ResponseCode.CONTENT);
    response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    response.setPayload(board.packet(eui));
    exchange.respond(response);
  }
}
