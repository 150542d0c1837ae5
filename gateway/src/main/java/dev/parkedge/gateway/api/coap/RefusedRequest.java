package dev.parkedge.gateway.api.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** A request the API refuses before asking the gateway anything (a bad body, a wrong format). */
final class RefusedRequest extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Reply reply;

  RefusedRequest(ResponseCode code, String reason) {
    super(reason, null, false, false);
    this.reply = Reply.error(code, reason);
  }

  Reply reply() {
    return reply;
  }
}
