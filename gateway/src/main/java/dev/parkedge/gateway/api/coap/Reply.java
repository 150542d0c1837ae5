package dev.parkedge.gateway.api.coap;

import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** The answer to one API request: a response code and the object its JSON body is made from. */
record Reply(ResponseCode code, Object body) {

  /** 2.05: what was asked for. */
  static Reply content(Object body) {
    return new Reply(ResponseCode.CONTENT, body);
  }

  /** 2.04: the request changed something; the body shows the result. */
  static Reply changed(Object body) {
    return new Reply(ResponseCode.CHANGED, body);
  }

  /** An error with a one-line reason: {@code {"error": "..."}}. */
  static Reply error(ResponseCode code, String reason) {
    return new Reply(code, Map.of("error", reason));
  }

  static Reply noSpace(String id) {
    return error(ResponseCode.NOT_FOUND, "no space \"" + id + "\"");
  }
}
