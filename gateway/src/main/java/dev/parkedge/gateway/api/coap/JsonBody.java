package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * Reads the JSON object a request's body must be, strictly (no trailing tokens, no key twice, no
 * key it does not know), and refuses anything else with a reason that ends in what was expected.
 */
final class JsonBody {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonBody() {}

  /** The body as a JSON object holding no key but {@code known}. */
  static JsonNode object(int contentFormat, byte[] body, Set<String> known, String expected)
      throws RefusedRequest {
    if (contentFormat != MediaTypeRegistry.UNDEFINED
        && contentFormat != MediaTypeRegistry.APPLICATION_JSON) {
      throw new RefusedRequest(
          ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
          "body must be application/json (content-format 50), got "
              + MediaTypeRegistry.toString(contentFormat));
    }
    if (body == null || body.length == 0) {
      throw badRequest("empty body: " + expected);
    }
    JsonNode json = readJson(body, expected);
    if (!json.isObject()) {
      throw badRequest(
          "body is a JSON " + json.getNodeType().name().toLowerCase(Locale.ROOT) + ": " + expected);
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw badRequest("unknown key \"" + key + "\": " + expected);
      }
    }
    return json;
  }

  private static JsonNode readJson(byte[] body, String expected) throws RefusedRequest {
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || json.isMissingNode()) {
        throw badRequest("empty body: " + expected);
      }
      return json;
    } catch (JsonProcessingException e) {
      throw badRequest(
          "body is not valid JSON (" + firstClause(e.getOriginalMessage()) + "): " + expected);
    } catch (IOException e) {
      throw badRequest("body is not valid JSON: " + expected);
    }
  }

  /**
   * The part of Jackson's message a person needs: "Unrecognized token 'yes'" of "Unrecognized token
   * 'yes': was expecting (...)".
   */
  private static String firstClause(String message) {
    String line = message.lines().findFirst().orElse("");
    if (line.startsWith("Trailing token")) {
      return "more after the JSON object";
    }
    int detail = line.indexOf(": was expecting");
    return detail < 0 ? line : line.substring(0, detail);
  }

  static RefusedRequest badRequest(String reason) {
    return new RefusedRequest(ResponseCode.BAD_REQUEST, reason);
  }
}
