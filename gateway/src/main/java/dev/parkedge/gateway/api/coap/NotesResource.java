package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.DurableWriteRefused;
import dev.parkedge.gateway.api.GatewayControl;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code POST /notes} with {@code {"key": "…", "text": "…"}}: records an operator's note in the
 * journal and answers 2.01 {@code {"key", "seq"}} only once it is durably committed; 5.03 with the
 * reason when storage refuses durable writes (nothing recorded) or does not confirm in time.
 */
final class NotesResource extends CoapResource {

  static final String EXPECTED =
      "expected {\"key\": \"<1-64 of A-Z a-z 0-9 . _ : ->\", \"text\": \"<1-500 characters>\"}";

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int MAX_TEXT = 500;

  private final GatewayControl control;
  private final ControlCalls calls;

  NotesResource(GatewayControl control, ControlCalls calls) {
    super("notes");
    this.control = control;
    this.calls = calls;
    getAttributes().setTitle("Durable operator notes in the journal");
  }

  /** A note as the request gives it. */
  record Note(String key, String text) {}

  @Override
  public void handlePOST(CoapExchange exchange) {
    Note note;
    try {
      note = parse(exchange.getRequestOptions().getContentFormat(), exchange.getRequestPayload());
    } catch (RefusedRequest refused) {
      calls.respond(exchange, refused.reply());
      return;
    }
    calls.answer(exchange, () -> record(note));
  }

  private Reply record(Note note) {
    try {
      long seq = control.note(note.key(), note.text());
      return new Reply(ResponseCode.CREATED, Map.of("key", note.key(), "seq", seq));
    } catch (DurableWriteRefused e) {
      return Reply.error(ResponseCode.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  static Note parse(int contentFormat, byte[] body) throws RefusedRequest {
    Map<String, Object> json =
        JsonBody.object(contentFormat, body, Set.of("key", "text"), EXPECTED);
    if (!(json.get("key") instanceof String key) || !KEY.matcher(key).matches()) {
      throw JsonBody.badRequest("\"key\" missing or not a valid key: " + EXPECTED);
    }
    if (!(json.get("text") instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      throw JsonBody.badRequest("\"text\" missing, blank or too long: " + EXPECTED);
    }
    return new Note(key, text);
  }
}
