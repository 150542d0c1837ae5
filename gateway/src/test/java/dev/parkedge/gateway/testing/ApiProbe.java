package dev.parkedge.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * The daemon's local CoAP API asked from inside the test's JVM, with the configuration the CLI
 * uses: faster than a {@code parkedge} process per question when a test asks many.
 */
public final class ApiProbe implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String uri;
  private final CoapClient client;

  public ApiProbe(int port) {
    this.uri = "coap://127.0.0.1:" + port;
    this.client = new CoapClient(uri).setTimeout(10_000L);
    client.setEndpoint(
        new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build());
  }

  /** The answer's code and body: {@code null} when nothing answered in time. */
  public record Answer(String code, JsonNode body) {
    public boolean success() {
      return code.startsWith("2.");
    }
  }

  public JsonNode status() {
    return require(get("status"), "GET /status");
  }

  /** The bus called {@code name} (a serial bus, a LoRaWAN link) as {@code GET /status} lists it. */
  public JsonNode bus(String name) {
    for (JsonNode bus : status().get("buses")) {
      if (bus.get("name").asText().equals(name)) {
        return bus;
      }
    }
    throw new AssertionError("no bus " + name + " in GET /status: " + status().get("buses"));
  }

  /**
   * Waits until the bus called {@code name} is connected. A LoRaWAN link is connected once it has
   * subscribed: only from then does the broker keep uplinks for the daemon's persistent session, so
   * a test that publishes before then loses them. The daemon is ready before that, on purpose: a
   * network server that is down must not keep the site from starting.
   */
  public void awaitConnected(String name, Duration within) {
    Eventually.await(
        "the bus " + name + " is connected", within, () -> bus(name).get("connected").asBoolean());
  }

  public JsonNode spaces() {
    return require(get("spaces"), "GET /spaces");
  }

  /** State of every space by id, as the daemon shows it. */
  public Map<String, String> states() {
    Map<String, String> states = new java.util.HashMap<>();
    for (JsonNode space : spaces()) {
      states.put(space.get("id").asText(), space.get("state").asText());
    }
    return states;
  }

  public Answer get(String... path) {
    return send(request(Code.GET, path));
  }

  /** A request to send with {@link #send}; keep it to {@link Request#cancel} it. */
  public Request request(Code method, String... path) {
    Request request = new Request(method);
    request.setURI(uri);
    for (String segment : path) {
      request.getOptions().addUriPath(segment);
    }
    request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
    return request;
  }

  /** A {@code POST /notes} request for the durable note {@code key}. */
  public Request note(String key, String text) {
    Request request = request(Code.POST, "notes");
    request.setPayload(JSON.createObjectNode().put("key", key).put("text", text).toString());
    request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    return request;
  }

  /** Sends and waits; null when there was no answer (timed out, cancelled). */
  public Answer send(Request request) {
    try {
      CoapResponse response = client.advanced(request);
      if (response == null) {
        return null;
      }
      JsonNode body = response.getPayloadSize() == 0 ? null : JSON.readTree(response.getPayload());
      return new Answer(response.getCode().toString(), body);
    } catch (ConnectorException | IOException e) {
      return null;
    }
  }

  private static JsonNode require(Answer answer, String what) {
    if (answer == null || !answer.success()) {
      throw new AssertionError(what + " failed: " + answer);
    }
    return answer.body();
  }

  @Override
  public void close() {
    client.shutdown();
    client.getEndpoint().destroy();
  }
}
