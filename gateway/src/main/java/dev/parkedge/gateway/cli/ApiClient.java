package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.coap.ApiJson;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * Asks the running daemon's CoAP API. First a CoAP ping, so that a daemon that is not running is
 * told apart within {@link #PING_TIMEOUT} from one that is merely slow; then the request itself.
 */
final class ApiClient implements AutoCloseable {

  static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  /** Long enough for the devices of a large site, block by block, on a busy box. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final ApiEndpoint endpoint;
  private final CoapClient client;
  private final ObjectMapper json = ApiJson.mapper();

  private ApiClient(ApiEndpoint endpoint, CoapClient client) {
    this.endpoint = endpoint;
    this.client = client;
  }

  /** A client of the daemon at this endpoint, once a ping shows it is running. */
  static ApiClient connect(ApiEndpoint endpoint) {
    CoapEndpoint local =
        new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build();
    CoapClient client = new CoapClient(endpoint.uri()).setTimeout(ANSWER_TIMEOUT.toMillis());
    client.setEndpoint(local);
    ApiClient api = new ApiClient(endpoint, client);
    if (!client.ping(PING_TIMEOUT.toMillis())) {
      api.close();
      throw new DaemonUnavailable(
          "parkedge is not running (no answer from "
              + endpoint.uri()
              + " within "
              + PING_TIMEOUT.toSeconds()
              + " s)");
    }
    return api;
  }

  /** The API key sent with every request (the parking API needs one). */
  private String key;

  ApiClient withKey(String apiKey) {
    this.key = apiKey;
    return this;
  }

  /** Query parameters for the next request only ({@code name=value}). */
  private List<String> query = List.of();

  ApiClient query(String... items) {
    this.query = List.of(items);
    return this;
  }

  JsonNode get(String... path) {
    return send(Code.GET, null, path);
  }

  /** GET with one query parameter ({@code name=value}), e.g. {@code /logging?logger=x}. */
  JsonNode getWithQuery(String query, String... path) {
    return send(Code.GET, null, query, path);
  }

  JsonNode post(JsonNode body, String... path) {
    return send(Code.POST, body, path);
  }

  /** The answer's JSON body as a value, e.g. a {@code SpaceView}. */
  <T> T as(JsonNode body, Class<T> type) {
    try {
      return json.treeToValue(body, type);
    } catch (JsonProcessingException e) {
      throw new DaemonUnavailable(
          "parkedge answered with JSON this command cannot read: " + e.getOriginalMessage());
    }
  }

  ObjectMapper json() {
    return json;
  }

  private JsonNode send(Code method, JsonNode body, String... path) {
    return send(method, body, null, path);
  }

  private JsonNode send(Code method, JsonNode body, String oneQuery, String... path) {
    Request request = new Request(method);
    request.setURI(endpoint.uri());
    for (String segment : path) {
      request.getOptions().addUriPath(segment);
    }
    if (oneQuery != null) {
      request.getOptions().addUriQuery(oneQuery);
    }
    request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
    query.forEach(item -> request.getOptions().addUriQuery(item));
    query = List.of();
    if (key != null) {
      request.getOptions().addUriQuery("key=" + key);
    }
    if (body != null) {
      request.setPayload(body.toString());
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    }
    String what = method + " /" + String.join("/", path);
    CoapResponse response;
    try {
      response = client.advanced(request);
    } catch (ConnectorException | IOException e) {
      throw new DaemonUnavailable("cannot send " + what + " to " + endpoint.uri() + ": " + e);
    }
    if (response == null) {
      throw new DaemonUnavailable(
          "parkedge did not answer "
              + what
              + " within "
              + ANSWER_TIMEOUT.toSeconds()
              + " s ("
              + endpoint.uri()
              + ")");
    }
    return bodyOf(response, what);
  }

  private JsonNode bodyOf(CoapResponse response, String what) {
    ResponseCode code = response.getCode();
    JsonNode answer = parse(response, what);
    if (code.isSuccess()) {
      return answer;
    }
    String error =
        answer.hasNonNull("error") ? answer.get("error").asText() : code.text + " (" + code + ")";
    if (code.isServerError()) {
      String prefix =
          error.startsWith("refused")
              ? "parkedge "
              : code == ResponseCode.SERVICE_UNAVAILABLE
                  ? "parkedge is busy: "
                  : "parkedge failed: ";
      throw new DaemonUnavailable(prefix + error);
    }
    throw new UserError(error);
  }

  private JsonNode parse(CoapResponse response, String what) {
    if (response.getPayloadSize() == 0) {
      return json.missingNode();
    }
    try {
      return json.readTree(response.getPayload());
    } catch (IOException e) {
      throw new DaemonUnavailable(
          "parkedge answered " + what + " with a body that is not JSON: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.shutdown();
    client.getEndpoint().destroy();
  }
}
