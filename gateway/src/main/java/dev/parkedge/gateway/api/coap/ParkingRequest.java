package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parkedge.gateway.api.ApiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * One parking API request as the resources read it: who asks, the ids in its path, its query and
 * its JSON body, with checks that refuse bad input by name (a 4.00 saying which key and why).
 */
final class ParkingRequest {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  /** The largest body a parking request may have. */
  static final int MAX_BODY = 4096;

  final ApiKeys.Caller caller;
  final List<String> path;
  final Map<String, String> query;
  final JsonNode body;

  private ParkingRequest(
      ApiKeys.Caller caller, List<String> path, Map<String, String> query, JsonNode body) {
    this.caller = caller;
    this.path = path;
    this.query = query;
    this.body = body;
  }

  static ParkingRequest of(
      CoapExchange exchange, ApiKeys.Caller caller, List<String> path, boolean hasBody)
      throws RefusedRequest {
    Map<String, String> query = new TreeMap<>();
    for (String item : exchange.getRequestOptions().getUriQuery()) {
      int eq = item.indexOf('=');
      query.put(eq < 0 ? item : item.substring(0, eq), eq < 0 ? "" : item.substring(eq + 1));
    }
    JsonNode body = hasBody ? body(exchange) : null;
    return new ParkingRequest(caller, path, query, body);
  }

  private static JsonNode body(CoapExchange exchange) throws RefusedRequest {
    int format = exchange.getRequestOptions().getContentFormat();
    if (format != MediaTypeRegistry.UNDEFINED && format != MediaTypeRegistry.APPLICATION_JSON) {
      throw new RefusedRequest(
          ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
          "body must be application/json (content-format 50), got "
              + MediaTypeRegistry.toString(format));
    }
    byte[] bytes = exchange.getRequestPayload();
    if (bytes == null || bytes.length == 0) {
      throw bad("empty body: expected a JSON object");
    }
    if (bytes.length > MAX_BODY) {
      throw new RefusedRequest(
          ResponseCode.REQUEST_ENTITY_TOO_LARGE,
          "body is " + bytes.length + " bytes, at most " + MAX_BODY);
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      String line = e.getOriginalMessage().lines().findFirst().orElse("");
      int cut = line.indexOf(": was expecting");
      throw bad("body is not valid JSON (" + (cut < 0 ? line : line.substring(0, cut)) + ")");
    } catch (IOException e) {
      throw bad("body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      throw bad("body must be a JSON object");
    }
    return json;
  }

  static RefusedRequest bad(String reason) {
    return new RefusedRequest(ResponseCode.BAD_REQUEST, reason);
  }

  /** Refuses keys other than {@code known}. */
  void only(String... known) throws RefusedRequest {
    List<String> allowed = List.of(known);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw bad("unknown key \"" + key + "\" (known: " + String.join(", ", allowed) + ")");
      }
    }
  }

  String text(String key) throws RefusedRequest {
    return optionalText(key).orElseThrow(() -> bad("body has no \"" + key + "\""));
  }

  Optional<String> optionalText(String key) throws RefusedRequest {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw bad("\"" + key + "\" must be a non-empty string, got " + value);
    }
    if (value.textValue().length() > 200) {
      throw bad("\"" + key + "\" is " + value.textValue().length() + " characters, at most 200");
    }
    return Optional.of(value.textValue());
  }

  Instant instant(String key) throws RefusedRequest {
    return parseInstant(key, text(key));
  }

  static Instant parseInstant(String key, String text) throws RefusedRequest {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(
          "\""
              + key
              + "\" must be an ISO-8601 UTC instant such as 2026-11-21T08:00:00Z, got \""
              + text
              + "\"");
    }
  }

  /** A whole, positive number of minor units. */
  long amount(String key) throws RefusedRequest {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      throw bad("body has no \"" + key + "\"");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw bad(
          "\""
              + key
              + "\" must be a whole number of minor units (e.g. 350 for 3.50), got "
              + value);
    }
    if (value.longValue() <= 0) {
      throw bad("\"" + key + "\" must be more than 0, got " + value);
    }
    return value.longValue();
  }

  void currency(Currency site) throws RefusedRequest {
    String code = text("currency");
    if (!code.equals(site.getCurrencyCode())) {
      throw bad("currency " + code + " is not the site's (" + site.getCurrencyCode() + ")");
    }
  }

  boolean flag(String key) throws RefusedRequest {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw bad("\"" + key + "\" must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  List<String> texts(String key) throws RefusedRequest {
    JsonNode value = body.get(key);
    List<String> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw bad("\"" + key + "\" must be a list of strings, got " + value);
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw bad("\"" + key + "\" must be a list of strings, got " + value);
      }
      items.add(item.textValue().toLowerCase(Locale.ROOT));
    }
    return items;
  }

  /** SHA-256 of the body with its keys sorted: the same request gives the same fingerprint. */
  String fingerprint() {
    try {
      Object canonical = JSON.treeToValue(body, Object.class);
      byte[] bytes = JSON.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a JSON body", e);
    }
  }

  String query(String key) {
    return query.get(key);
  }

  int limit(int fallback, int max) throws RefusedRequest {
    String text = query.get("limit");
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 1 || n > max) {
        throw bad("limit must be 1.." + max + ", got " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad("limit must be a whole number, got \"" + text + "\"");
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
