package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parkedge.gateway.json.BodyJson;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * Reads the JSON object a request's body must be, strictly (no trailing tokens, no key twice, no
 * key it does not know), and refuses anything else with a reason that ends in what was expected.
 * With jackson-core's parser ({@link BodyJson}): the reasons are the ones a strict ObjectMapper
 * gave, and a daemon that is sent a note loads no jackson-databind.
 */
final class JsonBody {

  private JsonBody() {}

  /**
   * The body as a JSON object holding no key but {@code known}, read by {@link BodyJson#read}: a
   * key given as JSON null is in the map with a null value.
   */
  static Map<String, Object> object(
      int contentFormat, byte[] body, Set<String> known, String expected) throws RefusedRequest {
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
    Object json = readJson(body, expected);
    if (!(json instanceof Map<?, ?>)) {
      throw badRequest("body is a JSON " + BodyJson.type(json) + ": " + expected);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) json;
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        throw badRequest("unknown key \"" + key + "\": " + expected);
      }
    }
    return object;
  }

  private static Object readJson(byte[] body, String expected) throws RefusedRequest {
    try (JsonParser parser = BodyJson.FACTORY.createParser(body)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (parser.nextToken() == null) {
        throw badRequest("empty body: " + expected);
      }
      Object json = BodyJson.read(parser);
      if (parser.nextToken() != null) {
        throw badRequest("body is not valid JSON (more after the JSON object): " + expected);
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
    int detail = line.indexOf(": was expecting");
    return detail < 0 ? line : line.substring(0, detail);
  }

  static RefusedRequest badRequest(String reason) {
    return new RefusedRequest(ResponseCode.BAD_REQUEST, reason);
  }
}
