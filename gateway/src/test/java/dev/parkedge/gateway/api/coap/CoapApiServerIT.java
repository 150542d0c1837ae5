package dev.parkedge.gateway.api.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.FakeGatewayControl;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoapApiServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeGatewayControl gateway = FakeGatewayControl.smallSite();
  private CoapApiServer server;
  private CoapClient client;

  @BeforeEach
  void startClient() {
    client =
        new CoapClient()
            .setEndpoint(
                new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build())
            .setTimeout(20_000L);
  }

  @AfterEach
  void stop() {
    client.getEndpoint().destroy();
    client.shutdown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void serves_the_status_with_snake_case_keys() throws Exception {
    serve(gateway);

    CoapResponse response = get("/status");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.getOptions().getContentFormat())
        .isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
    JsonNode status = json(response);
    assertThat(fieldNames(status))
        .containsExactly(
            "site",
            "version",
            "started_at",
            "uptime_seconds",
            "spaces",
            "devices",
            "buses",
            "signs",
            "journal_seq",
            "storage",
            "frames_per_second",
            "alarms",
            "clock_trusted",
            "operations");
    assertThat(status.get("spaces").get("free").asLong()).isEqualTo(1);
    assertThat(fieldNames(status.get("buses").get(0)))
        .containsExactly("name", "port", "protocol", "connected", "frames", "rejected", "details");
    assertThat(status.get("buses").get(0).get("rejected").get("bad_crc").asLong()).isEqualTo(3);
    assertThat(fieldNames(status.get("signs").get(0)))
        .containsExactly("id", "zones", "shows", "color");
  }

  @Test
  void serves_every_space_with_exactly_its_six_keys_and_nulls_written_out() throws Exception {
    serve(gateway);

    JsonNode spaces = json(get("/spaces"));

    assertThat(spaces).hasSize(3);
    for (JsonNode space : spaces) {
      assertThat(fieldNames(space))
          .containsExactly("id", "level", "zone", "state", "since", "sensor");
    }
    assertThat(spaces.get(2).toString())
        .isEqualTo(
            "{\"id\":\"B-001\",\"level\":\"L1\",\"zone\":\"B\",\"state\":\"unknown\","
                + "\"since\":\"2026-11-21T08:15:00Z\",\"sensor\":null}");
  }

  @Test
  void serves_every_device_with_snake_case_keys() throws Exception {
    serve(gateway);

    JsonNode devices = json(get("/devices"));

    assertThat(devices).hasSize(2);
    assertThat(fieldNames(devices.get(1)))
        .containsExactly(
            "eui",
            "role",
            "bus",
            "space",
            "zone",
            "first_seen",
            "last_seen",
            "frames",
            "duplicates",
            "lost",
            "battery_mv",
            "temperature_c",
            "rssi_dbm",
            "snr_db",
            "firmware",
            "flaps_per_hour",
            "health",
            "reason",
            "battery_percent",
            "margin_db");
    assertThat(devices.get(1).get("reason").asText()).isEqualTo("battery 2900 mV below 3000 mV");
  }

  @Test
  void serves_one_space_by_id() throws Exception {
    serve(gateway);

    CoapResponse response = get("/spaces/A-002");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(json(response).get("state").asText()).isEqualTo("occupied");
  }

  @Test
  void answers_4_04_with_a_one_line_error_for_an_unknown_space() throws Exception {
    serve(gateway);

    CoapResponse response = get("/spaces/Z-999");

    assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(response.getResponseText()).isEqualTo("{\"error\":\"no space \\\"Z-999\\\"\"}");
  }

  @Test
  void takes_a_space_out_of_service_and_answers_with_the_updated_space() throws Exception {
    serve(gateway);

    CoapResponse response = post("/spaces/A-001/maintenance", "{\"on\": true}");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(json(response).get("state").asText()).isEqualTo("maintenance");
    assertThat(gateway.maintenanceCalls()).containsExactly("A-001 on");
    assertThat(json(get("/spaces/A-001")).get("state").asText()).isEqualTo("maintenance");
  }

  @Test
  void returns_a_space_to_service() throws Exception {
    serve(gateway);

    CoapResponse response = post("/spaces/A-001/maintenance", "{\"on\": false}");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(gateway.maintenanceCalls()).containsExactly("A-001 off");
  }

  @Test
  void answers_4_04_when_setting_maintenance_on_an_unknown_space() throws Exception {
    serve(gateway);

    CoapResponse response = post("/spaces/Z-999/maintenance", "{\"on\": true}");

    assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(response.getResponseText()).isEqualTo("{\"error\":\"no space \\\"Z-999\\\"\"}");
    assertThat(gateway.maintenanceCalls()).isEmpty();
  }

  @Test
  void records_a_note_and_answers_2_01_with_its_seq() throws Exception {
    serve(gateway);

    CoapResponse response = post("/notes", "{\"key\": \"n-1\", \"text\": \"new battery\"}");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CREATED);
    assertThat(json(response).get("key").asText()).isEqualTo("n-1");
    assertThat(json(response).get("seq").asLong()).isPositive();
    assertThat(gateway.notes()).containsExactly("n-1: new battery");
  }

  @Test
  void refuses_a_note_without_a_valid_key() throws Exception {
    serve(gateway);

    CoapResponse response = post("/notes", "{\"key\": \"a b\", \"text\": \"x\"}");

    assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(json(response).get("error").asText()).startsWith("\"key\" missing or not a valid");
    assertThat(gateway.notes()).isEmpty();
  }

  static Stream<Arguments> bad_maintenance_bodies() {
    return Stream.of(
        Arguments.of("no body", "", "empty body: expected {\"on\": true} or {\"on\": false}"),
        Arguments.of(
            "not JSON",
            "on",
            "body is not valid JSON (Unrecognized token 'on'): expected {\"on\": true}"),
        Arguments.of("cut short", "{\"on\": tr", "body is not valid JSON (Unrecognized token 'tr'"),
        Arguments.of(
            "more after the object",
            "{\"on\": true} {}",
            "body is not valid JSON (more after the JSON object)"),
        Arguments.of(
            "on twice",
            "{\"on\": true, \"on\": false}",
            "body is not valid JSON (Duplicate field 'on')"),
        Arguments.of("an array", "[true]", "body is a JSON array: expected {\"on\": true}"),
        Arguments.of("no on", "{}", "body has no \"on\": expected {\"on\": true}"),
        Arguments.of(
            "on a string", "{\"on\": \"yes\"}", "\"on\" must be true or false, got \"yes\""),
        Arguments.of("on a number", "{\"on\": 1}", "\"on\" must be true or false, got 1"),
        Arguments.of(
            "another key", "{\"on\": true, \"until\": 5}", "unknown key \"until\": expected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bad_maintenance_bodies(String name, String body, String error) throws Exception {
    serve(gateway);

    CoapResponse response = post("/spaces/A-001/maintenance", body);

    assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(json(response).get("error").asText()).startsWith(error);
    assertThat(gateway.maintenanceCalls()).isEmpty();
  }

  @Test
  void refuses_a_maintenance_body_that_is_not_json_by_its_content_format() throws Exception {
    serve(gateway);

    Request request = request(Code.POST, "/spaces/A-001/maintenance");
    request.setPayload("on");
    request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    CoapResponse response = client.advanced(request);

    assertThat(response.getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(json(response).get("error").asText())
        .isEqualTo("body must be application/json (content-format 50), got text/plain");
  }

  @Test
  void reload_answers_2_04_with_the_changes_when_applied() throws Exception {
    serve(gateway);

    CoapResponse response = post("/reload", "");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(response.getResponseText())
        .isEqualTo(
            "{\"applied\":true,\"problems\":[],"
                + "\"changes\":[\"added space A-003\",\"removed sign S-OLD\"]}");
  }

  @Test
  void reload_answers_2_05_with_the_problems_when_the_file_is_refused() throws Exception {
    gateway.refuseNextReload("site.yaml:12: spaces[3].id: duplicate id \"A-001\"");
    serve(gateway);

    CoapResponse response = post("/reload", "");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(json(response).get("applied").asBoolean()).isFalse();
    assertThat(json(response).get("problems").get(0).asText()).contains("duplicate id");
  }

  @Test
  void serves_the_devices_of_a_5000_space_site_block_by_block() throws Exception {
    serve(FakeGatewayControl.withDevices(5000));

    CoapResponse response = get("/devices");

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.getPayloadSize()).isGreaterThan(1_500_000);
    JsonNode devices = json(response);
    assertThat(devices).hasSize(5000);
    assertThat(devices.get(4999).get("space").asText()).isEqualTo("A-5000");
  }

  @Test
  void answers_concurrent_requests() throws Exception {
    serve(gateway);
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Callable<ResponseCode>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String path = List.of("/status", "/spaces", "/devices", "/spaces/A-002").get(i % 4);
      calls.add(() -> get(path).getCode());
    }
    try {
      for (Future<ResponseCode> code : clients.invokeAll(calls)) {
        assertThat(code.get()).isEqualTo(ResponseCode.CONTENT);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void answers_5_03_with_an_error_when_the_gateway_does_not_answer_in_time() throws Exception {
    server = CoapApiServer.start(gateway, "127.0.0.1", 0, Duration.ofMillis(300));
    CountDownLatch held = gateway.holdCalls();
    try {
      CoapResponse response = get("/status");

      assertThat(response.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
      assertThat(response.getOptions().getMaxAge()).isEqualTo(1);
      assertThat(json(response).get("error").asText())
          .isEqualTo("gateway did not answer within 300 ms");
    } finally {
      held.countDown();
    }
  }

  @Test
  void answers_4_04_for_an_unknown_path_and_4_05_for_a_wrong_method() throws Exception {
    serve(gateway);

    assertThat(get("/nothing").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(get("/spaces/A-001/lights").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(post("/status", "").getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(get("/reload").getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(get("/spaces/A-001/maintenance").getCode())
        .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void listens_on_loopback_when_no_address_is_configured() {
    server = CoapApiServer.start(gateway, null, 0);

    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.port()).isPositive();
  }

  @Test
  void says_which_port_is_taken_when_it_cannot_bind() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> CoapApiServer.start(gateway, "127.0.0.1", taken.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "api: cannot listen for CoAP on udp 127.0.0.1:"
                  + taken.getLocalPort()
                  + " (port in use?)");
    }
  }

  @Test
  void writes_no_californium_properties_file_into_the_working_directory() throws Exception {
    Path file = Path.of(System.getProperty("user.dir"), "Californium3.properties");
    Files.deleteIfExists(file);
    serve(gateway);

    get("/status");
    server.close();
    server = null;

    assertThat(file).doesNotExist();
  }

  private void serve(FakeGatewayControl control) {
    gateway = control;
    server = CoapApiServer.start(control, "127.0.0.1", 0);
  }

  private CoapResponse get(String path) throws Exception {
    return client.advanced(request(Code.GET, path));
  }

  private CoapResponse post(String path, String body) throws Exception {
    Request request = request(Code.POST, path);
    request.setPayload(body.getBytes(StandardCharsets.UTF_8));
    if (!body.isEmpty()) {
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    }
    return client.advanced(request);
  }

  private Request request(Code method, String path) {
    Request request = new Request(method);
    request.setURI("coap://127.0.0.1:" + server.port() + path);
    return request;
  }

  private static JsonNode json(CoapResponse response) throws Exception {
    return JSON.readTree(response.getPayload());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
